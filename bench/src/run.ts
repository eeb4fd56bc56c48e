// `pnpm bench [--quick] [--out results.json]`: direct OpenAI calls vs this project's facade vs
// Cloudflare's ai-gateway-provider 4.0.1 vs Cloudflare's createAI (agents 0.32.0), interleaved in one run against one loopback stub.
// Full run: bench/results.json and bench/RESULTS.md. --quick checks that everything runs, and writes
// only when --out is given (a .md is written beside the JSON). --render FILE re-renders a results file.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, freemem, release, totalmem } from 'node:os';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { loadBase, resolveBase } from './base.ts';
import { bundleRow, importTimes, ourSourceFiles, setBaseEntry, shippedRow } from './bundle.ts';
import { fallbackRows, latencyRows, sharedModelRows, soakRows, streamingRows, warmUp, workersAiRows } from './client-rows.ts';
import { FULL, QUICK } from './config.ts';
import { encodeRows, largeBodyRows } from './large-body.ts';
import { profileRun } from './profile.ts';
import { markdown, targets, type Results } from './report.ts';
import { startStub } from './stub.ts';
import { createVariant, installFetchRedirect, VARIANTS, type VariantName } from './variants.ts';

const BENCH_DIR = fileURLToPath(new URL('..', import.meta.url));
const { values: args } = parseArgs({
  args: process.argv.slice(2).filter((a) => a !== '--'),
  options: { quick: { type: 'boolean', default: process.env.BENCH_QUICK === '1' }, out: { type: 'string' }, render: { type: 'string' } },
});

// --render results.json: rewrite the report (and verdicts) of an earlier run without measuring again.
if (args.render) {
  const earlier = JSON.parse(readFileSync(args.render, 'utf8')) as Results;
  earlier.meta.renderedAt = new Date().toISOString();
  earlier.targets = targets(earlier);
  writeFileSync(args.render, `${JSON.stringify(earlier, null, 2)}\n`);
  writeFileSync(args.render.replace(/results\.json$/, 'RESULTS.md').replace(/(?<!RESULTS)\.json$/, '.md'), markdown(earlier));
  process.exit(0);
}
const config = args.quick ? QUICK : FULL;
const out = args.out ?? (args.quick ? undefined : `${BENCH_DIR}results.json`);

const started = performance.now();
const log = (step: string) => console.error(`[bench ${((performance.now() - started) / 1000).toFixed(1)} s] ${step}`);

const version = (name: string) => (JSON.parse(readFileSync(`${BENCH_DIR}node_modules/${name}/package.json`, 'utf8')) as { version: string }).version;
function gitCommit(): string {
  try {
    const head = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: BENCH_DIR, encoding: 'utf8' }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--', '../packages'], { cwd: BENCH_DIR, encoding: 'utf8' }).trim() !== '';
    return dirty ? `${head} + uncommitted changes` : head;
  } catch {
    return 'unknown';
  }
}

// BENCH_BASE: another build of ours as a fifth variant, "base", in every interleaved row.
const base = resolveBase();
const createBase = base ? await loadBase(base) : undefined;
if (base) {
  setBaseEntry(base.entryUrl);
  process.env.BENCH_BASE_ENTRY = base.entryUrl; // for the child processes (large bodies)
}
const variantNames: VariantName[] = [...VARIANTS, ...(base ? (['base'] as const) : [])];

const stub = await startStub({ strict: config.quick });
const restoreFetch = installFetchRedirect(stub.origin);
let results: Results;
try {
  const variants = variantNames.map((name) => createVariant(name, stub.origin, name === 'base' ? createBase : undefined));
  log(`stub at ${stub.origin}; warming up`);
  await warmUp(variants, config);
  log('generateText at each concurrency');
  const latency = await latencyRows(variants, config);
  log('generateText with a shared model');
  const sharedModel = await sharedModelRows(variants, config);
  log('streamText');
  const streaming = await streamingRows(variants, config);
  log('fallback');
  const fallback = await fallbackRows(variants, config);
  log('Workers AI ids (ours, createAI, workers-ai-provider)');
  const workersAi = await workersAiRows(config, stub.origin, createBase);
  log(`memory soak (${config.soak.calls} calls of ours${base ? ' and of base' : ''})`);
  const soak = await soakRows(variants.filter((v) => v.name === 'ours' || v.name === 'base'), config);
  log('large bodies (a child process per variant and size)');
  const largeBody = await largeBodyRows(variantNames, config, stub.origin);
  const encode = await encodeRows(config);
  log('bundles and import time');
  const bundle = {
    ours: await bundleRow('ours'),
    oursTargetScope: await bundleRow('ours', { binding: false }),
    cloudflare: await bundleRow('cloudflare'),
    createai: await bundleRow('createai'),
    ...(base ? { base: await bundleRow('base'), baseTargetScope: await bundleRow('base', { binding: false }) } : {}),
    ourSourceFiles: (await ourSourceFiles()).slice(0, 12),
  };
  log('as shipped: the published files an HTTP app\'s calls load');
  const shipped = {
    ours: await shippedRow('ours'),
    cloudflare: await shippedRow('cloudflare'),
    createai: await shippedRow('createai'),
    ...(base ? { base: await shippedRow('base') } : {}),
  };
  const imports = await importTimes(config.importRuns);
  log('profiles (node --cpu-prof)');
  const profile = [];
  for (const variant of ['direct', 'ours'] as const) {
    profile.push(await profileRun(variant, 'generate', config.profileCalls, stub.origin));
    profile.push(await profileRun(variant, 'stream', config.quick ? 2 : 30, stub.origin));
  }
  profile.push(await profileRun('ours', 'fallback', config.profileCalls / 2, stub.origin));
  results = {
    meta: {
      quick: config.quick,
      date: new Date().toISOString(),
      durationS: 0,
      machine: {
        cpu: cpus()[0]?.model ?? 'unknown',
        cores: cpus().length,
        memoryGB: Math.round(totalmem() / 2 ** 30),
        freeMemoryGB: Math.round(freemem() / 2 ** 30),
        os: `${process.platform} ${release()} ${process.arch}`,
      },
      node: process.version,
      ...(base ? { base: base.label } : {}),
      packages: {
        'ai-gateway-provider (ours)': `${version('ai-gateway-provider')} @ ${gitCommit()}`,
        'ai-gateway-provider (Cloudflare)': version('cloudflare-ai-gateway-provider'),
        'agents (createAI)': version('agents'),
        'workers-ai-provider': version('workers-ai-provider'),
        ai: version('ai'),
        '@ai-sdk/openai': version('@ai-sdk/openai'),
        esbuild: version('esbuild'),
      },
      config,
    },
    latency,
    sharedModel,
    streaming,
    fallback,
    soak,
    workersAi,
    largeBody,
    encode,
    bundle,
    shipped,
    imports,
    profile,
  };
} finally {
  restoreFetch();
  stub.stop();
}

results.meta.durationS = Math.round((performance.now() - started) / 1000);
results.targets = targets(results);
const report = markdown(results);
if (out) {
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, `${JSON.stringify(results, null, 2)}\n`);
  const md = args.out ? out.replace(/(\.json)?$/, '.md') : `${BENCH_DIR}RESULTS.md`;
  writeFileSync(md, report);
  log(`wrote ${out} and ${md}`);
} else {
  console.log(report);
}
for (const t of results.targets) log(`${t.met ? 'met   ' : 'MISSED'} ${t.target}: ${t.measured}`);
