import { echoText } from '@aigw/emulator';
import { execFile } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { useEmulator } from './helpers';

const t = useEmulator();
const dist = new URL('../dist/', import.meta.url);

// A fresh Node process that imports the built package and records which of its files load: what an
// HTTP app's import and calls cost, as a bundler with code splitting would cut it.
const SCRIPT = `
import { registerHooks } from 'node:module';
const [dist, baseURL, accountId, token] = process.argv.slice(-4);
const loaded = new Set();
const binding = new Set();
registerHooks({ load(url, context, next) { if (url.startsWith(dist)) loaded.add(url.slice(dist.length).replace(/-[A-Z0-9]{8}\\.js$/, '')); if (url.includes('/transport-binding/')) binding.add(url); return next(url, context); } });
const { generateText, streamText } = await import('ai');
const { createOpenAI } = await import('@ai-sdk/openai');
const { createAiGateway } = await import(dist + 'index.js');
const atImport = [...loaded];
const model = createAiGateway({ accountId, gateway: 'emulator-gateway', apiKey: token, baseURL })(createOpenAI({ apiKey: 'sk-openai-test' }).chat('gpt-5-mini'));
const generated = await generateText({ model, prompt: 'lazy' });
let streamed = '';
for await (const part of streamText({ model, prompt: 'lazy' }).textStream) streamed += part;
console.log(JSON.stringify({ atImport, afterCalls: [...loaded], binding: [...binding], generated: generated.text, streamed }));
`;

// Node loads its fetch implementation (undici) the first time a fetch global is named: tens of
// milliseconds an app should pay when it first calls, not when it imports this package.
const GLOBALS_SCRIPT = `
const touched = new Set();
for (const name of ['fetch', 'Response', 'Request', 'Headers', 'FormData']) {
  const descriptor = Object.getOwnPropertyDescriptor(globalThis, name);
  Object.defineProperty(globalThis, name, { configurable: true, get() { touched.add(name); return descriptor.get ? descriptor.get.call(globalThis) : descriptor.value; } });
}
await import(process.argv.at(-1) + 'index.js');
console.log(JSON.stringify([...touched]));
`;

// A failing fallback list through the built packages: the failure's code (core's lazy chunks, which
// take core's functions from the package itself) loads and gives the typed error, named by its class.
const FAILURE_SCRIPT = `
const [dist, baseURL, accountId, token] = process.argv.slice(-4);
const { generateText } = await import('ai');
const { createOpenAI } = await import('@ai-sdk/openai');
const { createAiGateway, findGatewayError, AiGatewayFallbackError } = await import(dist + 'index.js');
const failing = createOpenAI({ apiKey: 'sk-openai-test', headers: { 'x-emulator-fault': JSON.stringify({ status: 500 }) } }).chat('gpt-5-mini');
const error = await generateText({ model: createAiGateway({ accountId, gateway: 'emulator-gateway', apiKey: token, baseURL })([failing, failing]), prompt: 'lazy', maxRetries: 0 }).catch((e) => e);
const typed = findGatewayError(error);
console.log(JSON.stringify({ fallback: AiGatewayFallbackError.isInstance(typed), className: typed?.constructor.name, name: typed?.name, attempts: typed?.attempts?.length }));
`;

describe('what an HTTP app loads', () => {
  it('names no fetch global at import, so Node does not load its fetch implementation then', async () => {
    const { stdout } = await promisify(execFile)(process.execPath, ['--input-type=module', '-e', GLOBALS_SCRIPT, dist.href], {
      cwd: fileURLToPath(new URL('..', import.meta.url)),
    });
    expect(JSON.parse(stdout.trim().split('\n').at(-1)!)).toEqual([]);
  });

  it('loads no binding, resume, id, log, fallback-URL, telemetry, batch or video code for plain generateText and streamText calls', async () => {
    const { stdout } = await promisify(execFile)(process.execPath, ['--input-type=module', '-e', SCRIPT, dist.href, t.emulator.baseURL, t.emulator.accountId, t.emulator.token], {
      cwd: fileURLToPath(new URL('..', import.meta.url)),
    });
    const run = JSON.parse(stdout.trim().split('\n').at(-1)!) as { atImport: string[]; afterCalls: string[]; binding: string[]; generated: string; streamed: string };
    expect(run.generated).toBe(echoText('lazy'));
    expect(run.streamed).toBe(echoText('lazy'));
    // One file of ours at import: the main entry shares no chunk with the provider entries.
    expect(run.atImport).toEqual(['index.js']);
    const chunks = readdirSync(dist).filter((f) => f.endsWith('.js'));
    // The binding transport and its resumable streams live in @aigw/transport-binding, imported only for a binding.
    expect(run.binding).toEqual([]);
    for (const lazy of ['build-id-model', 'gateway-logs-client', 'supported-urls', 'span-attributes', 'workers-ai-batch', 'gateway-fetch', 'video-calls']) {
      // A chunk of its own (code imported statically would be merged into what the import loads), not loaded.
      expect(chunks.some((f) => f.startsWith(`${lazy}-`)), lazy).toBe(true);
      expect(run.afterCalls, lazy).not.toContain(lazy);
    }
    // Everything it loads, it loads at import: the calls themselves need no further chunk.
    expect(run.afterCalls.filter((f) => !run.atImport.includes(f))).toEqual([]);
  });

  it('loads the code of a failure when a call fails: a fallback list whose legs all fail gives AiGatewayFallbackError', async () => {
    const { stdout } = await promisify(execFile)(process.execPath, ['--input-type=module', '-e', FAILURE_SCRIPT, dist.href, t.emulator.baseURL, t.emulator.accountId, t.emulator.token], {
      cwd: fileURLToPath(new URL('..', import.meta.url)),
    });
    expect(JSON.parse(stdout.trim().split('\n').at(-1)!)).toEqual({ fallback: true, className: 'AiGatewayFallbackError', name: 'AI_AiGatewayFallbackError', attempts: 2 });
  });
});
