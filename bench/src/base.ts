// BENCH_BASE: another build of ours, run as an extra variant ("base") interleaved with the others,
// so one run shows this build against an earlier one side by side. BENCH_BASE is either a directory
// (a checkout whose packages are built: it holds packages/ai-gateway-provider/dist/index.js) or a
// git revision of this repository, which is exported (git archive), installed and built once into
// <tmpdir>/aigw-bench-base/<commit>/: outside this checkout, so that its build is its own (under a
// node_modules folder the type bundler would leave the package's own types out, and inside this git
// checkout turbo would share its cache with the checkout's builds).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { createAiGateway } from 'ai-gateway-provider';

const BENCH_DIR = fileURLToPath(new URL('..', import.meta.url));
const ENTRY = 'packages/ai-gateway-provider/dist/index.js';

/** The base build: the checkout's root and what to call it in the report. */
export interface BaseBuild {
  readonly root: string;
  readonly label: string;
  /** The facade's built entry (a file URL), imported in place of `ai-gateway-provider`. */
  readonly entryUrl: string;
}

/** Resolves BENCH_BASE (building a git revision when needed); undefined when it is not set. */
export function resolveBase(spec = process.env.BENCH_BASE): BaseBuild | undefined {
  if (spec === undefined || spec === '') return undefined;
  const asPath = resolve(BENCH_DIR, spec);
  if (existsSync(asPath)) {
    if (!existsSync(`${asPath}/${ENTRY}`)) throw new Error(`BENCH_BASE=${spec}: ${asPath}/${ENTRY} is missing; build that checkout first (pnpm run build)`);
    return { root: asPath, label: spec, entryUrl: pathToFileURL(`${asPath}/${ENTRY}`).href };
  }
  const git = (...args: string[]) => execFileSync('git', args, { cwd: BENCH_DIR, encoding: 'utf8' }).trim();
  let commit: string;
  try {
    commit = git('rev-parse', '--verify', `${spec}^{commit}`);
  } catch {
    throw new Error(`BENCH_BASE=${spec} is neither a directory nor a git revision of this repository`);
  }
  const root = `${tmpdir()}/aigw-bench-base/${commit}`;
  if (!existsSync(`${root}/${ENTRY}`)) {
    rmSync(root, { recursive: true, force: true });
    mkdirSync(root, { recursive: true });
    console.error(`[bench] building BENCH_BASE=${spec} (${commit.slice(0, 8)}) in ${root}`);
    // From the repository's top: run in a subdirectory, git archive exports that subdirectory only.
    execFileSync('sh', ['-c', `git archive ${commit} | tar -x -C '${root}'`], { cwd: git('rev-parse', '--show-toplevel'), stdio: 'inherit' });
    execFileSync('pnpm', ['install', '--frozen-lockfile', '--prefer-offline'], { cwd: root, stdio: 'inherit' });
    execFileSync('pnpm', ['exec', 'turbo', 'run', 'build', '--filter=ai-gateway-provider...', '--cache-dir=.turbo/cache'], {
      cwd: root,
      stdio: 'inherit',
      env: { ...process.env, TURBO_TELEMETRY_DISABLED: '1', DO_NOT_TRACK: '1' },
    });
  }
  return { root, label: `${spec} (${commit.slice(0, 8)})`, entryUrl: pathToFileURL(`${root}/${ENTRY}`).href };
}

/** The base build's `createAiGateway`. */
export async function loadBase(base: BaseBuild): Promise<typeof createAiGateway> {
  return ((await import(base.entryUrl)) as { createAiGateway: typeof createAiGateway }).createAiGateway;
}
