// What each gateway package adds to an app: bundled with esbuild (minified, `ai` and `@ai-sdk/*`
// external, as the app already has them), gzipped, and the time its import takes in a fresh process.
import { execFile } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { gzipSync } from 'node:zlib';
import { build, type BuildOptions, type Metafile, type Plugin } from 'esbuild';
import ts from 'typescript';
import { median } from './measure.ts';
import { startStub } from './stub.ts';

const BENCH_DIR = fileURLToPath(new URL('..', import.meta.url));
const run = promisify(execFile);
export const PACKAGES = { ours: 'ai-gateway-provider', cloudflare: 'cloudflare-ai-gateway-provider', createai: 'agents/models/ai-sdk' } as const;
/** The factory each package is used through. */
const FACTORIES = { ours: 'createAiGateway', cloudflare: 'createAiGateway', createai: 'createAI', base: 'createAiGateway' } as const;
/** `base` is another build of ours (BENCH_BASE): its facade's dist entry, by file URL. */
type Gateway = keyof typeof PACKAGES | 'base';
let baseEntry: string | undefined;
/** Where `base` is imported from (the BENCH_BASE build's facade entry, a file URL). */
export function setBaseEntry(entryUrl: string | undefined): void {
  baseEntry = entryUrl;
}
function specifierOf(gateway: Gateway): string {
  if (gateway !== 'base') return PACKAGES[gateway];
  if (baseEntry === undefined) throw new Error('bench: no BENCH_BASE build');
  return fileURLToPath(baseEntry);
}

/** The package an input file belongs to, from its path. */
function packageOf(path: string): string {
  // A workspace package (this checkout's, or a BENCH_BASE build's under node_modules/.cache).
  const workspace = /packages\/([^/]+)\/(?:dist|src)\/(?!.*node_modules)/.exec(path);
  if (workspace) return workspace[1] === 'ai-gateway-provider' ? 'ai-gateway-provider' : `@aigw/${workspace[1]}`;
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
    stdin: { contents: `export { ${FACTORIES[gateway]} } from '${specifierOf(gateway)}';`, resolveDir: BENCH_DIR, loader: 'js' },
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
  const row = { minifiedBytes: code.byteLength, gzipBytes: gzipSync(code, { level: 9 }).byteLength, byPackage, externals };
  return options.binding === false ? row : { ...row, split: await splitRow(gateway) };
}

/** The size of a set of chunks: minified bytes, the gzip of their concatenation (level 9) and the sum of each one's gzip. */
export interface ChunkSet {
  readonly files: string[];
  readonly minifiedBytes: number;
  /** gzip -9 of the chunks concatenated: what the target is measured by. */
  readonly gzipBytes: number;
  /** The sum of the chunks' own gzip sizes (each is a separate download). */
  readonly gzipSumBytes: number;
}

export interface SplitRow {
  /** Chunks loaded by the import: the entry and its static imports (from the metafile; checked at runtime). */
  readonly atImport: ChunkSet;
  /** Chunks loaded by the import plus one generateText and one streamText of a wrapped `@ai-sdk/openai` model, recorded at runtime. */
  readonly httpCalls: ChunkSet;
  /** Every chunk of the split bundle. */
  readonly all: ChunkSet;
  /** The runtime record of the import agreed with the metafile's static closure. */
  readonly importMatchesMetafile: boolean;
  /** Minified bytes by package in the chunks an HTTP app's calls load (from the metafile). */
  readonly httpCallsByPackage: Record<string, number>;
  /** The chunks an HTTP app's calls load, split into their string literals and the code around them. */
  readonly httpCallsText: TextShare;
}

/** Minified code split into its string and template literals (messages, header names, URLs) and the rest. */
export interface TextShare {
  readonly literalBytes: number;
  readonly literalGzipBytes: number;
  /** The code with every literal emptied (`""`): what is left if no message or name were kept. */
  readonly codeBytes: number;
  readonly codeGzipBytes: number;
}

/** Parses the code (TypeScript's parser reads JavaScript) and sets each string and template literal part apart. */
export function textShare(code: string): TextShare {
  const file = ts.createSourceFile('bundle.js', code, ts.ScriptTarget.ES2022, true, ts.ScriptKind.JS);
  const literals: string[] = [];
  const rest: string[] = [];
  let last = 0;
  const visit = (node: ts.Node): void => {
    const k = node.kind;
    const K = ts.SyntaxKind;
    if (k === K.StringLiteral || k === K.NoSubstitutionTemplateLiteral || k === K.TemplateHead || k === K.TemplateMiddle || k === K.TemplateTail) {
      const start = node.getStart(file);
      literals.push(code.slice(start, node.end));
      rest.push(code.slice(last, start), '""');
      last = node.end;
      return;
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  rest.push(code.slice(last));
  const gzip = (text: string) => gzipSync(text, { level: 9 }).byteLength;
  const literalText = literals.join('\n');
  const codeText = rest.join('');
  return { literalBytes: literalText.length, literalGzipBytes: gzip(literalText), codeBytes: codeText.length, codeGzipBytes: gzip(codeText) };
}

const SPLIT_DIR = fileURLToPath(new URL('../node_modules/.cache/aigw-split/', import.meta.url));

function chunkSet(dir: string, files: Iterable<string>): ChunkSet {
  const list = [...new Set(files)].sort();
  const contents = list.map((f) => readFileSync(dir + f));
  return {
    files: list,
    minifiedBytes: contents.reduce((n, c) => n + c.byteLength, 0),
    gzipBytes: gzipSync(Buffer.concat(contents), { level: 9 }).byteLength,
    gzipSumBytes: contents.reduce((n, c) => n + gzipSync(c, { level: 9 }).byteLength, 0),
  };
}

/** The entry chunk and every chunk it imports statically, transitively. */
function staticClosure(metafile: Metafile): string[] {
  const relative = (path: string) => path.slice(path.lastIndexOf('/') + 1);
  const byName = new Map(Object.entries(metafile.outputs).map(([path, output]) => [relative(path), output]));
  const seen = new Set<string>();
  const visit = (name: string) => {
    if (seen.has(name)) return;
    seen.add(name);
    for (const i of byName.get(name)?.imports ?? []) if (!i.external && i.kind === 'import-statement') visit(relative(i.path));
  };
  visit('stdin.js');
  return [...seen];
}

/**
 * A child Node process that imports the split bundle and makes one generateText and one streamText
 * call (a wrapped `@ai-sdk/openai` chat model, against the stub), recording through module hooks
 * which chunk files load. Cloudflare's hard-coded gateway origin is sent to the stub.
 */
const CALLS_SCRIPT = `
import { registerHooks } from 'node:module';
const [outUrl, gateway, stub, fixturesUrl, packageUrl] = process.argv.slice(-5);
const loaded = new Set();
registerHooks({
  // The chunks live outside the package; what it leaves external resolves from the package, as in an app.
  resolve(specifier, context, next) {
    try {
      return next(specifier, context);
    } catch (error) {
      if (!context.parentURL?.startsWith(outUrl)) throw error;
      return next(specifier, { ...context, parentURL: packageUrl });
    }
  },
  load(url, context, next) {
    if (url.startsWith(outUrl)) loaded.add(url.slice(outUrl.length));
    return next(url, context);
  },
});
const { ACCOUNT_ID, GATEWAY_ID, GATEWAY_TOKEN, MODEL_ID, OPENAI_KEY } = await import(fixturesUrl);
const { generateText, streamText } = await import('ai');
const { createOpenAI } = await import('@ai-sdk/openai');
const original = globalThis.fetch;
globalThis.fetch = (input, init) => {
  const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
  for (const origin of ['https://gateway.ai.cloudflare.com', 'https://api.cloudflare.com']) if (url.startsWith(origin)) return original(stub + url.slice(origin.length), init);
  if (!url.startsWith(stub)) return Promise.reject(new Error('bench: refusing to fetch ' + url));
  return original(input, init);
};
const entry = await import(outUrl + 'stdin.js');
const atImport = [...loaded];
const openai = createOpenAI({ apiKey: OPENAI_KEY });
const model =
  gateway === 'ours' || gateway === 'base' ? entry.createAiGateway({ accountId: ACCOUNT_ID, gateway: GATEWAY_ID, apiKey: GATEWAY_TOKEN, baseURL: stub + '/v1' })(openai.chat(MODEL_ID))
  : gateway === 'cloudflare' ? entry.createAiGateway({ accountId: ACCOUNT_ID, gateway: GATEWAY_ID, apiKey: GATEWAY_TOKEN })(openai.chat(MODEL_ID))
  : entry.createAI({ accountId: ACCOUNT_ID, apiToken: GATEWAY_TOKEN, id: GATEWAY_ID })(openai.chat(MODEL_ID));
const generated = await generateText({ model, prompt: 'Hi' });
let streamed = '';
for await (const part of streamText({ model, prompt: 'Hi' }).textStream) streamed += part;
if (generated.text === '' || streamed === '') throw new Error('bench: a call returned no text');
console.log(JSON.stringify({ atImport, afterCalls: [...loaded] }));
`;

/**
 * The same entry bundled with code splitting (as tsup builds our dist and as an app's bundler with
 * splitting would): what the import loads, what an HTTP app's calls load, and every chunk.
 */
export async function splitRow(gateway: Gateway): Promise<SplitRow> {
  const outdir = `${SPLIT_DIR}${gateway}/`;
  rmSync(outdir, { recursive: true, force: true });
  const result = await build({
    stdin: { contents: `export { ${FACTORIES[gateway]} } from '${specifierOf(gateway)}';`, resolveDir: BENCH_DIR, loader: 'js' },
    ...BUNDLE_OPTIONS,
    write: true,
    splitting: true,
    outdir,
  });
  const all = Object.keys(result.metafile.outputs).map((p) => p.slice(p.lastIndexOf('/') + 1));
  const atImport = staticClosure(result.metafile);
  const stub = await startStub();
  let loaded: { atImport: string[]; afterCalls: string[] };
  try {
    const fixtures = pathToFileURL(fileURLToPath(new URL('./fixtures.ts', import.meta.url))).href;
    const { stdout } = await run(process.execPath, ['--input-type=module', '-e', CALLS_SCRIPT, pathToFileURL(outdir).href, gateway, stub.origin, fixtures, gateway === 'base' ? baseEntry! : import.meta.resolve(PACKAGES[gateway])], { cwd: BENCH_DIR, timeout: 120_000 });
    loaded = JSON.parse(stdout.trim().split('\n').at(-1)!) as typeof loaded;
  } finally {
    stub.stop();
  }
  const sameSet = (a: string[], b: string[]) => a.length === b.length && a.every((f) => b.includes(f));
  const httpCallsByPackage: Record<string, number> = {};
  for (const [path, output] of Object.entries(result.metafile.outputs)) {
    if (!loaded.afterCalls.includes(path.slice(path.lastIndexOf('/') + 1))) continue;
    for (const [input, { bytesInOutput }] of Object.entries(output.inputs)) {
      const name = packageOf(input);
      httpCallsByPackage[name] = (httpCallsByPackage[name] ?? 0) + bytesInOutput;
    }
  }
  return {
    atImport: chunkSet(outdir, atImport),
    httpCalls: chunkSet(outdir, loaded.afterCalls),
    all: chunkSet(outdir, all),
    importMatchesMetafile: sameSet(atImport, loaded.atImport),
    httpCallsByPackage,
    httpCallsText: textShare([...new Set(loaded.afterCalls)].sort().map((f) => readFileSync(outdir + f, 'utf8')).join('\n')),
  };
}

/**
 * What an app's calls load of the package **as shipped**: its published files, not bundled again.
 * A child process makes one direct generateText and streamText first (so what the AI SDK loads
 * lazily on a call is the app's), then imports the package and makes the same two calls through it;
 * every file it loads after the direct calls is the package's (module hooks record them).
 */
const SHIPPED_SCRIPT = `
import { registerHooks } from 'node:module';
const [gateway, stub, fixturesUrl, specifier] = process.argv.slice(-4);
const loaded = [];
registerHooks({
  load(url, context, next) {
    if (url.startsWith('file:')) loaded.push(url);
    return next(url, context);
  },
});
const { ACCOUNT_ID, GATEWAY_ID, GATEWAY_TOKEN, MODEL_ID, OPENAI_KEY } = await import(fixturesUrl);
const { generateText, streamText } = await import('ai');
const { createOpenAI } = await import('@ai-sdk/openai');
const original = globalThis.fetch;
globalThis.fetch = (input, init) => {
  const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
  for (const origin of ['https://gateway.ai.cloudflare.com', 'https://api.cloudflare.com']) if (url.startsWith(origin)) return original(stub + url.slice(origin.length), init);
  if (!url.startsWith(stub)) return Promise.reject(new Error('bench: refusing to fetch ' + url));
  return original(input, init);
};
const calls = async (model) => {
  const generated = await generateText({ model, prompt: 'Hi' });
  let streamed = '';
  for await (const part of streamText({ model, prompt: 'Hi' }).textStream) streamed += part;
  if (generated.text === '' || streamed === '') throw new Error('bench: a call returned no text');
};
await calls(createOpenAI({ baseURL: stub + '/v1', apiKey: OPENAI_KEY }).chat(MODEL_ID));
const before = loaded.length;
const entry = await import(specifier);
const atImport = loaded.slice(before);
const openai = createOpenAI({ apiKey: OPENAI_KEY });
await calls(
  gateway === 'ours' || gateway === 'base' ? entry.createAiGateway({ accountId: ACCOUNT_ID, gateway: GATEWAY_ID, apiKey: GATEWAY_TOKEN, baseURL: stub + '/v1' })(openai.chat(MODEL_ID))
  : gateway === 'cloudflare' ? entry.createAiGateway({ accountId: ACCOUNT_ID, gateway: GATEWAY_ID, apiKey: GATEWAY_TOKEN })(openai.chat(MODEL_ID))
  : entry.createAI({ accountId: ACCOUNT_ID, apiToken: GATEWAY_TOKEN, id: GATEWAY_ID })(openai.chat(MODEL_ID)),
);
console.log(JSON.stringify({ atImport, afterCalls: loaded.slice(before) }));
`;

/** The package's published files an HTTP app's calls load, as they are (see SHIPPED_SCRIPT). */
export interface ShippedRow {
  /** Loaded by the import alone. */
  readonly atImport: ChunkSet;
  /** Loaded by the import and one generateText and one streamText: the size target's "as shipped". */
  readonly httpCalls: ChunkSet;
  /** Bytes by package of `httpCalls` (each file's own size). */
  readonly httpCallsByPackage: Record<string, number>;
  /** The app's own packages the calls loaded (not counted above), bytes by package. */
  readonly notCounted: Record<string, number>;
}

/**
 * The app's packages, not counted as shipped: optional peers a gateway imports only where the app
 * has installed them (ours: `@opentelemetry/api`, to annotate the AI SDK's span), and the AI SDK's
 * own (a BENCH_BASE build has an install of its own, whose copy of `@ai-sdk/provider` loads anew).
 */
const appOwn = (name: string) => name === '@opentelemetry/api' || name === 'ai' || name.startsWith('@ai-sdk/');

const shortPath = (path: string) => (path.includes('node_modules/') ? path.slice(path.lastIndexOf('node_modules/') + 13) : path.includes('packages/') ? path.slice(path.lastIndexOf('packages/')) : path);

export async function shippedRow(gateway: Gateway): Promise<ShippedRow> {
  const stub = await startStub();
  let loaded: { atImport: string[]; afterCalls: string[] };
  try {
    const fixtures = pathToFileURL(fileURLToPath(new URL('./fixtures.ts', import.meta.url))).href;
    const specifier = gateway === 'base' ? baseEntry! : PACKAGES[gateway];
    const { stdout } = await run(process.execPath, ['--input-type=module', '-e', SHIPPED_SCRIPT, gateway, stub.origin, fixtures, specifier], { cwd: BENCH_DIR, timeout: 120_000 });
    loaded = JSON.parse(stdout.trim().split('\n').at(-1)!) as typeof loaded;
  } finally {
    stub.stop();
  }
  const notCounted: Record<string, number> = {};
  for (const file of [...new Set(loaded.afterCalls)].map((u) => fileURLToPath(u))) {
    const name = packageOf(file);
    if (appOwn(name)) notCounted[name] = (notCounted[name] ?? 0) + readFileSync(file).byteLength;
  }
  const paths = (urls: string[]) => [...new Set(urls)].map((u) => fileURLToPath(u)).filter((f) => !appOwn(packageOf(f)));
  const set = (urls: string[]): ChunkSet => {
    const files = paths(urls).sort();
    const contents = files.map((f) => readFileSync(f));
    return {
      files: files.map(shortPath),
      minifiedBytes: contents.reduce((n, c) => n + c.byteLength, 0),
      gzipBytes: gzipSync(Buffer.concat(contents), { level: 9 }).byteLength,
      gzipSumBytes: contents.reduce((n, c) => n + gzipSync(c, { level: 9 }).byteLength, 0),
    };
  };
  const httpCallsByPackage: Record<string, number> = {};
  for (const file of paths(loaded.afterCalls)) {
    const name = packageOf(file);
    httpCallsByPackage[name] = (httpCallsByPackage[name] ?? 0) + readFileSync(file).byteLength;
  }
  return { atImport: set(loaded.atImport), httpCalls: set(loaded.afterCalls), httpCallsByPackage, notCounted };
}

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
 * Our code as the split bundle of `splitRow` (the same code as the packages, minified, its chunks
 * side by side): the import without the package boundaries. What the chunks loaded at import leave
 * external (`ai`, `@ai-sdk/provider`) resolves from this package, to the copies the app has loaded.
 */
const ONE_BUNDLE = (entry: string) => `${PRELOAD} const t = performance.now(); await import('${entry}'); console.log(performance.now() - t);`;

/**
 * Milliseconds to import the package in a fresh Node process, after `ai` and `@ai-sdk/openai` are
 * loaded (an app has them already). Runs alternate between the packages; medians are reported.
 * With `splitRow('ours')` built, also ours as one split bundle (`oursOneBundle`).
 */
export async function importTimes(runs: number) {
  const node = async (script: string) => (await run(process.execPath, ['--input-type=module', '-e', script], { cwd: BENCH_DIR, timeout: 30_000 })).stdout;
  const order: Gateway[] = [...(Object.keys(PACKAGES) as Gateway[]), ...(baseEntry === undefined ? [] : (['base'] as const))];
  const samples = Object.fromEntries(order.map((g) => [g, [] as number[]])) as Record<Gateway, number[]>;
  const parts: Record<string, number[]> = {};
  const oneBundle: number[] = [];
  const entry = `${SPLIT_DIR}ours/stdin.js`;
  const hasSplit = existsSync(entry);
  for (let i = 0; i < runs; i++) {
    // One interleaved run: every package once per round, the order reversed every other round.
    for (const gateway of i % 2 === 0 ? order : [...order].reverse()) {
      samples[gateway].push(Number(await node(timeImport(gateway === 'base' ? baseEntry! : PACKAGES[gateway]))));
    }
    for (const [name, ms] of Object.entries(JSON.parse(await node(BREAKDOWN)) as Record<string, number>)) (parts[name] ??= []).push(ms);
    if (hasSplit) {
      oneBundle.push(Number(await node(ONE_BUNDLE(pathToFileURL(entry).href))));
    }
  }
  return {
    runs,
    ours: median(samples.ours),
    cloudflare: median(samples.cloudflare),
    createai: median(samples.createai),
    ...(baseEntry === undefined ? {} : { base: median(samples.base) }),
    byRound: samples as Partial<Record<Gateway, number[]>>,
    oursByPackage: Object.fromEntries(Object.entries(parts).map(([name, list]) => [name, median(list)])),
    ...(hasSplit ? { oursOneBundle: median(oneBundle) } : {}),
  };
}
