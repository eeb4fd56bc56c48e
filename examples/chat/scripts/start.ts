// `pnpm --filter @aigw/example-chat start`: the gateway emulator and `wrangler dev` in one command.
// It starts the emulator (unless --emulator-url names a running one), then the Worker with
// `wrangler dev --local --var AIGW_EMULATOR_URL:...`, prints the chat's URL once it answers, and
// stops both on Ctrl-C (SIGINT) or SIGTERM. Arguments after `--` go to `wrangler dev` as they are.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { startEmulator } from '@aigw/emulator';

const USAGE = `usage: node scripts/start.ts [--port 8788] [--emulator-port 8787 | --emulator-url URL] [--chunk-delay 40] [-- wrangler dev args]
  --port           the Worker's port (default 8788)
  --emulator-port  the emulator's port (default 8787; 0 picks a free one)
  --emulator-url   use a running emulator (its base URL, http://127.0.0.1:PORT/v1) instead of starting one
  --chunk-delay    milliseconds between the streamed words of a simulated answer (default 40)`;

const GATEWAY_ID = 'my-gateway';
const exampleDir = fileURLToPath(new URL('..', import.meta.url));

const { values, positionals } = readArguments();
if (values.help) {
  console.log(USAGE);
  process.exit(0);
}
const port = portNumber('--port', values.port);
const chunkDelayMs = Number(values['chunk-delay']);
if (!Number.isInteger(chunkDelayMs) || chunkDelayMs < 0) fail(`--chunk-delay must be a whole number of milliseconds, got ${values['chunk-delay']}`);

// The emulator: a gateway "my-gateway" that stores a key for each provider (BYOK), so the Worker needs none.
let emulatorURL = values['emulator-url'];
let closeEmulator = () => Promise.resolve();
if (emulatorURL === undefined) {
  const emulatorPort = portNumber('--emulator-port', values['emulator-port']);
  const emulator = await startEmulator({
    port: emulatorPort,
    gateways: { [GATEWAY_ID]: { byok: { anthropic: 'stored-anthropic-key', openai: 'stored-openai-key' } } },
  }).catch((error: unknown) => fail(`the emulator cannot listen on 127.0.0.1:${emulatorPort} (${error instanceof Error ? error.message : String(error)}); pick another --emulator-port, or 0 for any free one`));
  // A pause between the streamed words, as a real model has, so the answer visibly streams in.
  if (chunkDelayMs > 0) emulator.faults.set({ chunkDelayMs });
  emulatorURL = emulator.baseURL;
  closeEmulator = () => emulator.close();
  console.log(`gateway emulator on ${emulator.baseURL} (gateway ${GATEWAY_ID}, provider keys stored in it)`);
  console.log(`log viewer         ${emulator.viewerURL}`);
}

// wrangler dev, from this package's own wrangler.
const wranglerBin = join(dirname(createRequire(import.meta.url).resolve('wrangler/package.json')), 'bin', 'wrangler.js');
const wranglerArgs = ['dev', '--local', '--ip', '127.0.0.1', '--port', String(port), '--var', `AIGW_EMULATOR_URL:${emulatorURL}`, '--show-interactive-dev-session=false', ...positionals];
const wrangler = spawn(process.execPath, [wranglerBin, ...wranglerArgs], { cwd: exampleDir, stdio: ['ignore', 'pipe', 'inherit'] });
const wranglerExit = new Promise<number>((resolve) => wrangler.on('exit', (code, signal) => resolve(code ?? (signal === null ? 1 : 0))));

let stopping = false;
async function stop(code: number): Promise<never> {
  if (!stopping) {
    stopping = true;
    if (wrangler.exitCode === null && wrangler.signalCode === null) wrangler.kill('SIGINT');
    await wranglerExit;
    await closeEmulator();
  }
  process.exit(code);
}
process.on('SIGINT', () => void stop(0));
process.on('SIGTERM', () => void stop(0));
void wranglerExit.then((code) => {
  if (!stopping) {
    console.error(`wrangler dev exited (code ${code}); stopping the emulator.`);
    void stop(code === 0 ? 1 : code);
  }
});

// Pass wrangler's output through, and say where the chat is once wrangler is ready.
let announced = false;
let output = '';
wrangler.stdout.setEncoding('utf8').on('data', (text: string) => {
  process.stdout.write(text);
  if (announced) return;
  output += text;
  const ready = /Ready on (http:\/\/\S+)/.exec(output);
  if (ready === null) return;
  announced = true;
  output = '';
  void announce(ready[1]!);
});

async function announce(url: string): Promise<void> {
  const page = new URL('/', url);
  const response = await fetch(page).catch((error: unknown) => error as Error);
  if (response instanceof Error || !response.ok) {
    console.error(`the Worker does not serve the page at ${page.href}: ${response instanceof Error ? response.message : `HTTP ${response.status}`}`);
    return stop(1);
  }
  await response.body?.cancel();
  console.log(`\nchat ready: ${page.href} (Ctrl-C stops the Worker and the emulator)`);
}

function readArguments() {
  try {
    return parseArgs({
      options: {
        port: { type: 'string', default: '8788' },
        'emulator-port': { type: 'string', default: '8787' },
        'emulator-url': { type: 'string' },
        'chunk-delay': { type: 'string', default: '40' },
        help: { type: 'boolean', short: 'h' },
      },
      allowPositionals: true,
    });
  } catch (error) {
    return fail(error instanceof Error ? error.message : String(error));
  }
}

function portNumber(name: string, value: string): number {
  const number = Number(value);
  if (!Number.isInteger(number) || number < 0 || number > 65_535) fail(`${name} must be a port number (0-65535), got ${value}`);
  return number;
}

function fail(message: string): never {
  console.error(`${message}\n${USAGE}`);
  process.exit(2);
}
