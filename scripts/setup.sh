#!/usr/bin/env bash
# One command on a fresh clone: installs pnpm (if the pinned version is missing), every dependency
# (including a Node 24 runtime into node_modules/.bin, leaving the system's Node alone), builds the
# packages and runs the keyless demo against the local emulator. `--no-demo` stops after the build.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
export TURBO_TELEMETRY_DISABLED=1 DO_NOT_TRACK=1 TURBO_NO_UPDATE_NOTIFIER=1

PNPM_VERSION="$(node -p "require('./package.json').packageManager.split('@')[1]")"
if [ "$(pnpm --version 2>/dev/null || true)" != "$PNPM_VERSION" ]; then
  echo "Installing pnpm ${PNPM_VERSION} with npm (global)..."
  if ! npm install --global --no-audit --no-fund --loglevel=error --allow-scripts=pnpm "pnpm@${PNPM_VERSION}"; then
    # No write access to the global prefix: install into the user's home instead.
    npm install --global --prefix "$HOME/.local" --no-audit --no-fund --loglevel=error --allow-scripts=pnpm "pnpm@${PNPM_VERSION}"
    export PATH="$HOME/.local/bin:$PATH"
    echo "pnpm was installed into ~/.local/bin: add it to your PATH."
  fi
fi

# The emulator's log viewer is tested in a real headless Chromium: Debian's package, as root (or with sudo).
if ! command -v "${CHROMIUM_PATH:-/usr/bin/chromium}" >/dev/null 2>&1 && ! command -v chromium >/dev/null 2>&1; then
  if command -v apt-get >/dev/null 2>&1; then
    SUDO=""
    [ "$(id -u)" = "0" ] || SUDO="$(command -v sudo || true)"
    if [ "$(id -u)" = "0" ] || [ -n "$SUDO" ]; then
      echo "Installing Debian's chromium for the log viewer's browser test..."
      $SUDO env DEBIAN_FRONTEND=noninteractive apt-get update -qq
      $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
    fi
  fi
  command -v chromium >/dev/null 2>&1 || echo "Note: no Chromium found; the log viewer's browser test needs one (apt-get install chromium, or set CHROMIUM_PATH)."
fi

pnpm install --frozen-lockfile
echo "pnpm $(pnpm --version); project Node: $(pnpm exec node --version) (system Node: $(node --version))"
pnpm run build

if [ "${1:-}" != "--no-demo" ]; then
  pnpm run demo
fi
