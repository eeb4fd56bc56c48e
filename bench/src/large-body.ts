// Large request bodies: each variant in its own process per size and round (clean memory numbers),
// and the encoding alone, timed in this process against a JSON parse and stringify.
import { createOpenAI } from '@ai-sdk/openai';
import { captureCall, encodeGatewayRequest, encodeStep, universalBodyBytes, type CapturedRequest } from '@aigw/core';
import { fork } from 'node:child_process';
import type { BenchConfig } from './config.ts';
import { MODEL_ID, OPENAI_KEY } from './fixtures.ts';
import type { LargeBodyResult } from './large-body-child.ts';
import { collectGarbage, median, rotate } from './measure.ts';
import type { VariantName } from './variants.ts';

/** Room for 100 bodies of 10 MB in flight, several copies each for the parse-and-stringify variant. */
const CHILD_HEAP_MB = 12_288;

function runChild(variant: VariantName, megabytes: number, inFlight: number, origin: string): Promise<LargeBodyResult> {
  return new Promise((resolve, reject) => {
    const child = fork(new URL('./large-body-child.ts', import.meta.url), [variant, String(megabytes), String(inFlight), origin], {
      execArgv: [`--max-old-space-size=${CHILD_HEAP_MB}`],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    const timer = setTimeout(() => child.kill(), 180_000);
    let result: LargeBodyResult | undefined;
    child.on('message', (message: LargeBodyResult) => (result = message));
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      if (result) resolve(result);
      else reject(new Error(`large-body child (${variant}, ${megabytes} MB) exited with ${signal ?? code}`));
    });
  });
}

const mean = (values: readonly number[]) => values.reduce((a, b) => a + b, 0) / values.length;

export async function largeBodyRows(variants: readonly VariantName[], config: BenchConfig, origin: string) {
  const { megabytes, inFlight, rounds } = config.largeBody;
  const rows = [];
  for (const [size, mb] of megabytes.entries()) {
    const results = new Map<VariantName, LargeBodyResult[]>(variants.map((v) => [v, []]));
    for (let round = 0; round < rounds; round++) {
      for (const variant of rotate(variants, round + size)) results.get(variant)!.push(await runChild(variant, mb, inFlight, origin));
    }
    const byVariant = Object.fromEntries(
      [...results].map(([variant, list]) => [
        variant,
        {
          cpuMsPerCall: mean(list.map((r) => r.cpuUsPerCall)) / 1000,
          wallMs: mean(list.map((r) => r.wallMs)),
          peakRssMB: Math.max(...list.map((r) => r.peakRssDeltaBytes)) / 2 ** 20,
          peakHeapMB: Math.max(...list.map((r) => r.peakHeapDeltaBytes)) / 2 ** 20,
          peakExternalMB: Math.max(...list.map((r) => r.peakExternalDeltaBytes)) / 2 ** 20,
          // Per round (a fresh process each): the spread of the ratios from run to run.
          byRound: {
            cpuMsPerCall: list.map((r) => r.cpuUsPerCall / 1000),
            wallMs: list.map((r) => r.wallMs),
            peakRssMB: list.map((r) => r.peakRssDeltaBytes / 2 ** 20),
            peakHeapMB: list.map((r) => r.peakHeapDeltaBytes / 2 ** 20),
            peakExternalMB: list.map((r) => r.peakExternalDeltaBytes / 2 ** 20),
          },
        },
      ]),
    );
    rows.push({ megabytes: mb, inFlight, byVariant });
  }
  return rows;
}

/** The request the OpenAI chat model builds for a prompt of this many MiB (0: a short prompt), captured with core. */
async function capturedRequest(megabytes: number): Promise<CapturedRequest> {
  const text = megabytes === 0 ? 'Say hello.' : 'a'.repeat(megabytes * 2 ** 20);
  const model = createOpenAI({ apiKey: OPENAI_KEY }).chat(MODEL_ID);
  const pending = await captureCall(model, 'doGenerate', { prompt: [{ role: 'user', content: [{ type: 'text', text }] }] });
  pending.discard();
  return pending.request;
}

// Reading a character in the middle makes V8 flatten a concatenated string, so the copy is paid here.
const flatten = (text: string) => text.charCodeAt(text.length >> 1);

/**
 * The gateway encoding of a two-model fallback whose first body has the given size (median ms): ours (core's encodeStep, encodeGatewayRequest
 * and universalBodyBytes, the bytes the HTTP transport sends, the body text encoded as it is), a plain JSON parse + stringify of the
 * same body, and Cloudflare's 4.0.1 way (`new Response(body).json()` then `JSON.stringify`). The last two stop at a string, which
 * fetch still has to encode: that is not counted against them.
 */
export async function encodeRows(config: BenchConfig) {
  const rows = [];
  const small = await capturedRequest(0);
  for (const mb of config.largeBody.megabytes) {
    const request = await capturedRequest(mb);
    const body = request.body as string;
    const step = { provider: 'openai', endpoint: 'v1/chat/completions' };
    // A fallback of two legs: the large request and a small one. A single model goes to the
    // provider-native path with its body untouched, so only a fallback list has a body to encode.
    const second = small.body as string;
    const ways: Record<string, () => Promise<number> | number> = {
      ours: () => universalBodyBytes(encodeGatewayRequest([encodeStep(request), encodeStep(small)], { 'cf-aig-cache-ttl': '60' })).byteLength,
      parseStringify: () =>
        flatten(JSON.stringify([{ ...step, headers: request.headers, query: JSON.parse(body) as unknown }, { ...step, headers: small.headers, query: JSON.parse(second) as unknown }])),
      cloudflare: async () =>
        flatten(
          JSON.stringify([
            { ...step, headers: request.headers, query: (await new Response(body).json()) as unknown },
            { ...step, headers: small.headers, query: (await new Response(second).json()) as unknown },
          ]),
        ),
    };
    const samples = new Map(Object.keys(ways).map((k) => [k, [] as number[]]));
    // Minor page faults of each of ours' samples: on a VM a fresh 10 MB buffer can cost more in
    // faults than the encoding itself, and whether the allocator hands out fresh pages varies.
    const oursFaults: number[] = [];
    for (let i = 0; i < config.largeBody.encodeRuns; i++) {
      for (const name of rotate(Object.keys(ways), i)) {
        collectGarbage();
        const faults = process.resourceUsage().minorPageFault;
        const start = performance.now();
        await ways[name]!();
        samples.get(name)!.push(performance.now() - start);
        if (name === 'ours') oursFaults.push(process.resourceUsage().minorPageFault - faults);
      }
    }
    const ms = Object.fromEntries([...samples].map(([k, v]) => [k, median(v)])) as Record<'ours' | 'parseStringify' | 'cloudflare', number>;
    // Each run times every way back to back: its own ratio, so "in every run" can be checked.
    const ours = samples.get('ours')!;
    const cheaperByRun = samples.get('parseStringify')!.map((ps, i) => ps / ours[i]!);
    rows.push({ megabytes: mb, bodyBytes: body.length, ...ms, cheaperByRun, oursFaults });
  }
  return rows;
}
