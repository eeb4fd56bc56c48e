// Runs `--quick` end to end in a child process. It checks that every row ran and was written,
// never how fast anything was.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, expect, it } from 'vitest';

const dir = mkdtempSync(join(tmpdir(), 'aigw-bench-test-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

it('runs the quick benchmark and writes a results JSON', async () => {
  const out = join(dir, 'results.json');
  const run = fileURLToPath(new URL('../src/run.ts', import.meta.url));
  await promisify(execFile)(process.execPath, [run, '--quick', '--out', out], { timeout: 590_000, maxBuffer: 16 * 2 ** 20 });

  const results = JSON.parse(readFileSync(out, 'utf8'));
  expect(results.meta.quick).toBe(true);
  expect(results.latency.map((row: { concurrency: number }) => row.concurrency)).toEqual([1, 64, 256]);
  for (const row of results.latency) expect(Object.keys(row.byVariant).sort()).toEqual(['cloudflare', 'createai', 'direct', 'ours']);
  expect(Object.keys(results.streaming).sort()).toEqual(['cloudflare', 'createai', 'direct', 'ours']);
  expect(Object.keys(results.fallback).sort()).toEqual(['cloudflare', 'createai', 'ours']);
  // One universal request for ours and Cloudflare's 4.0.1; createAI tries the three legs one after another.
  expect(results.fallback.ours.requestsPerCall).toBe(1);
  expect(results.fallback.cloudflare.requestsPerCall).toBe(1);
  expect(results.fallback.createai.requestsPerCall).toBe(3);
  expect(Object.keys(results.workersAi[0].byClient).sort()).toEqual(['createai', 'ours', 'workers-ai-provider']);
  expect(results.soak.ours.heapMB).toHaveLength(11);
  expect(results.largeBody.map((row: { megabytes: number }) => row.megabytes)).toEqual([1, 10]);
  expect(results.encode).toHaveLength(2);
  expect(results.bundle.ours.gzipBytes).toBeGreaterThan(0);
  expect(results.bundle.cloudflare.gzipBytes).toBeGreaterThan(0);
  expect(results.bundle.createai.gzipBytes).toBeGreaterThan(0);
  // The split bundles: what the import loads is part of what the calls load, which is part of every chunk.
  for (const gateway of ['ours', 'cloudflare', 'createai']) {
    const split = results.bundle[gateway].split;
    expect(split.importMatchesMetafile).toBe(true);
    expect(split.atImport.files.every((f: string) => split.httpCalls.files.includes(f))).toBe(true);
    expect(split.httpCalls.files.every((f: string) => split.all.files.includes(f))).toBe(true);
    expect(split.httpCalls.gzipBytes).toBeGreaterThan(0);
    // Attribution by package covers the loaded chunks' code (less their import/export glue).
    const attributed = Object.values(split.httpCallsByPackage as Record<string, number>).reduce((a, b) => a + b, 0);
    expect(attributed).toBeGreaterThan(0);
    expect(attributed).toBeLessThanOrEqual(split.httpCalls.minifiedBytes);
    // Literals and the code around them together are the chunks' text (less the emptied quotes and joins).
    const text = split.httpCallsText;
    expect(text.literalBytes).toBeGreaterThan(0);
    expect(text.codeBytes).toBeGreaterThan(0);
    expect(text.literalBytes + text.codeBytes).toBeGreaterThanOrEqual(split.httpCalls.minifiedBytes);
    expect(text.literalBytes + text.codeBytes).toBeLessThan(split.httpCalls.minifiedBytes * 1.15);
  }
  expect(results.imports.oursOneBundle).toBeGreaterThan(0);
  // One interleaved import run: a figure per run for every package, the ratios' pairs.
  for (const gateway of ['ours', 'cloudflare', 'createai']) expect(results.imports.byRound[gateway]).toHaveLength(results.imports.runs);
  // As shipped: the published files the calls load, the import's among them; ours are the packages' dist files.
  for (const gateway of ['ours', 'cloudflare', 'createai']) {
    const shipped = results.shipped[gateway];
    expect(shipped.atImport.files.length).toBeGreaterThan(0);
    expect(shipped.atImport.files.every((f: string) => shipped.httpCalls.files.includes(f))).toBe(true);
    expect(shipped.httpCalls.gzipBytes).toBeGreaterThan(0);
    expect(Object.values(shipped.httpCallsByPackage as Record<string, number>).reduce((a, b) => a + b, 0)).toBe(shipped.httpCalls.minifiedBytes);
  }
  expect(results.shipped.ours.httpCalls.files).toContain('packages/ai-gateway-provider/dist/index.js');
  expect(results.shipped.ours.httpCalls.files.every((f: string) => /^packages\/[a-z-]+\/dist\//.test(f))).toBe(true);
  expect(results.profile).toHaveLength(5);
  // Every target (issues 14 and 27) has a verdict (its wording may change; its subject may not).
  const targets = results.targets.map((t: { target: string }) => t.target).join('\n');
  for (const subject of [
    /^Small calls/m,
    /^Large bodies/m,
    /^Streaming/m,
    /^10 MB encode/m,
    /^Memory flat/m,
    /^Ours ≤ Cloudflare's 4\.0\.1/m,
    /^Ours ≤ Cloudflare's createAI/m,
    /^Workers AI ids ≤ Cloudflare's createAI/m,
    /^What an HTTP app's calls load .*as shipped/m,
    /^Import time ≤ Cloudflare's createAI and ≤ 2× Cloudflare's 4\.0\.1/m,
    /^Every other row no worse than the base build/m,
  ]) {
    expect(targets).toMatch(subject);
  }
  // Per-round figures give every client ratio its spread.
  expect(results.latency[1].byVariant.ours.p50MsByBatch).toHaveLength(results.meta.config.rounds);
  expect(results.streaming.ours.cpuUsPerStreamByRound).toHaveLength(results.meta.config.rounds);
  expect(results.largeBody[0].byVariant.ours.byRound.peakRssMB).toHaveLength(results.meta.config.largeBody.rounds);
  expect(results.encode[1].cheaperByRun).toHaveLength(results.meta.config.largeBody.encodeRuns);
  expect(readFileSync(out.replace(/\.json$/, '.md'), 'utf8')).toContain('## Targets');
}, 600_000); // a safety net only: the quick run takes about 30 s on an idle machine, minutes on a loaded one
