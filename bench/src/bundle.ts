// What each gateway package adds to an app: bundled with esbuild (minified, `ai` and `@ai-sdk/*`
// external, as the app already has them), gzipped, and the time its import takes in a fresh process.
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { gzipSync } from 'node:zlib';
import { build, type BuildOptions, type Plugin } from 'esbuild';
import { median } from './measure.ts';

const BENCH_DIR = fileURLToPath(new URL('..', import.meta.url));
export const PACKAGES = { ours: 'ai-gateway-provider', cloudflare: 'cloudflare-ai-gateway-provider', createai: 'agents/models/ai-sdk' } as const;
/** The factory each package is used through. */
const FACTORIES = { ours: 'createAiGateway', cloudflare: 'createAiGateway', createai: 'createAI' } as const;
type Gateway = keyof typeof PACKAGES;

/** The package an input file belongs to, from its path. */
function packageOf(path: string): string {
  const workspace = /packages\/([^/]+)\//.exec(path);
  if (workspace && !path.includes('node_modules')) return workspace[1] === 'ai-gateway-provider' ? 'ai-gateway-provider' : `@aigw/${workspace[1]}`;
  if (path.startsWith('empty:')) return '(binding transport left out)';
  const parts = path.split('node_modules/').at(-1)!.split('/');
  return parts[0]!.startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0]!;
}

const PACKAGES_DIR = fileURLToPath(new URL('../../packages/', import.meta.url));
const SOURCE_ALIASES = Object.fromEntries(
  ['core', 'errors', 'transport-http', 'transport-binding'].map((name) => [`@aigw/${name}`, `${PACKAGES_DIR}${name}/src/index.ts`]),
);

/** What every measured bundle shares: minified ESM, with the AI SDK left external as an app has it. */
const BUNDLE_OPTIONS = {
  bundle: true,
  minify: true,
  format: 'esm',
  platform: 'neutral',
  target: 'es2022',
  external: ['ai', '@ai-sdk/*'],
  write: false,
  metafile: true,
  logLevel: 'silent',
} as const satisfies BuildOptions;

/**
 * Our facade bundled from its TypeScript sources (same settings): minified bytes per source file,
 * largest first. A diagnostic for where the bytes come from; the dist bundle is the measured row.
 */
export async function ourSourceFiles(): Promise<{ file: string; bytes: number }[]> {
  const result = await build({
    stdin: { contents: `export { createAiGateway } from '${PACKAGES_DIR}ai-gateway-provider/src/index.ts';`, resolveDir: BENCH_DIR, loader: 'js' },
    alias: SOURCE_ALIASES,
    define: { __PACKAGE_VERSION__: '"0.0.0"' },
    ...BUNDLE_OPTIONS,
  });
  const inputs = Object.values(result.metafile.outputs).flatMap((o) => Object.entries(o.inputs));
  return inputs
    .filter(([path]) => path.includes('packages/'))
    .map(([path, { bytesInOutput }]) => ({ file: path.slice(path.indexOf('packages/')), bytes: bytesInOutput }))
    .sort((a, b) => b.bytes - a.bytes);
}

/** Replaces the Workers-binding transport with an empty module: the target's scope is core, errors and HTTP. */
const withoutBinding: Plugin = {
  name: 'without-binding',
  setup(b) {
    b.onResolve({ filter: /^@aigw\/transport-binding$/ }, () => ({ path: 'binding', namespace: 'empty' }));
    b.onLoad({ filter: /.*/, namespace: 'empty' }, () => ({ contents: 'export const createBindingTransport = () => { throw new Error(); };', loader: 'js' }));
  },
};

export async function bundleRow(gateway: Gateway, options: { binding?: boolean } = {}) {
  const result = await build({
    plugins: options.binding === false ? [withoutBinding] : [],
    stdin: { contents: `export { ${FACTORIES[gateway]} } from '${PACKAGES[gateway]}';`, resolveDir: BENCH_DIR, loader: 'js' },
    ...BUNDLE_OPTIONS,
  });
  const code = result.outputFiles[0]!.contents;
  const byPackage: Record<string, number> = {};
  for (const output of Object.values(result.metafile.outputs)) {
    for (const [path, { bytesInOutput }] of Object.entries(output.inputs)) {
      const name = packageOf(path);
      byPackage[name] = (byPackage[name] ?? 0) + bytesInOutput;
    }
  }
  const externals = [...new Set(Object.values(result.metafile.outputs).flatMap((o) => o.imports.filter((i) => i.external).map((i) => i.path)))].sort();
  return { minifiedBytes: code.byteLength, gzipBytes: gzipSync(code, { level: 9 }).byteLength, byPackage, externals };
}

const run = promisify(execFile);

const PRELOAD = "await import('ai'); await import('@ai-sdk/openai');";
const timeImport = (specifier: string) => `${PRELOAD} const t = performance.now(); await import('${specifier}'); console.log(performance.now() - t);`;
/** Our packages imported one by one, dependencies first: where our import time goes. */
const OUR_PACKAGES = ['@aigw/errors', '@aigw/core', '@aigw/transport-http', '@aigw/transport-binding'];
const BREAKDOWN = `${PRELOAD} const { createRequire } = await import('node:module');
const req = createRequire(import.meta.resolve('ai-gateway-provider')); const out = {};
for (const name of ${JSON.stringify(OUR_PACKAGES)}) { const t = performance.now(); await import('file://' + req.resolve(name)); out[name] = performance.now() - t; }
const t = performance.now(); await import('ai-gateway-provider'); out['ai-gateway-provider'] = performance.now() - t;
console.log(JSON.stringify(out));`;

/**
 * Milliseconds to import the package in a fresh Node process, after `ai` and `@ai-sdk/openai` are
 * loaded (an app has them already). Runs alternate between the packages; medians are reported.
 */
export async function importTimes(runs: number) {
  const node = async (script: string) => (await run(process.execPath, ['--input-type=module', '-e', script], { cwd: BENCH_DIR, timeout: 30_000 })).stdout;
  const samples: Record<Gateway, number[]> = { ours: [], cloudflare: [], createai: [] };
  const parts: Record<string, number[]> = {};
  const order = Object.keys(PACKAGES) as Gateway[];
  for (let i = 0; i < runs; i++) {
    for (const gateway of i % 2 === 0 ? order : [...order].reverse()) samples[gateway].push(Number(await node(timeImport(PACKAGES[gateway]))));
    for (const [name, ms] of Object.entries(JSON.parse(await node(BREAKDOWN)) as Record<string, number>)) (parts[name] ??= []).push(ms);
  }
  return {
    runs,
    ours: median(samples.ours),
    cloudflare: median(samples.cloudflare),
    createai: median(samples.createai),
    oursByPackage: Object.fromEntries(Object.entries(parts).map(([name, list]) => [name, median(list)])),
  };
}
