import { createOpenAI } from '@ai-sdk/openai';
import { AiGatewayInvalidOptionsError } from '@aigw/errors';
import { emulatorBinding, startEmulator, type Emulator } from '@aigw/emulator';
import { embed, generateImage, generateSpeech, generateText, rerank, transcribe } from 'ai';
import fc from 'fast-check';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAiGateway, type AiGateway } from '../src';
import { startLocalServer, type LocalServer } from './local-server';

/**
 * Property: whatever value a caller puts where the library builds a URL path (a model id of every
 * kind, a catalog id, a dynamic route name, a custom provider slug, a provider route's id or
 * endpoint, a log id, the account, the gateway), over HTTP and through the binding, no request
 * reaches a path outside the configured account and gateway. The gateway address is a router on
 * 127.0.0.1: requests inside `/v1/{account}/{gateway}` (and the REST log API of that gateway) go on
 * to the emulator; anything else, judged the way a lenient server would read it (percent-decoded
 * again and again, `\` taken as `/`, dot segments resolved), goes to a second server, which must
 * see nothing. A universal request's steps count too: the gateway builds the provider's URL from them.
 * A value with a dot segment is refused with `AiGatewayInvalidOptionsError`, and nothing is sent for it.
 */

const ACCOUNT = 'emulator-account';
const GATEWAY = 'emulator-gateway';
const CF_TOKEN = 'cf-api-token-123456';

let emulator: Emulator;
let second: LocalServer;
let router: LocalServer;

/** The segments a lenient server may see in a path: decoded until stable, `\` as `/`. */
function lenientSegments(path: string): string[] {
  let text = path;
  for (let round = 0; round < 5; round++) {
    let decoded: string;
    try {
      decoded = decodeURIComponent(text);
    } catch {
      break;
    }
    if (decoded === text) break;
    text = decoded;
  }
  return text.replace(/\\/g, '/').split('/');
}

/** A path that stays where it was put: under `prefix`, with no dot segment and nothing a server would cut (`#`, control characters). */
function staysUnder(path: string, prefix: string): boolean {
  const segments = lenientSegments(path);
  // eslint-disable-next-line no-control-regex -- control characters are what it looks for
  if (segments.some((s) => s === '.' || s === '..' || /[#\x00-\x1f\x7f]/.test(s))) return false;
  const joined = segments.join('/');
  return joined === prefix || joined.startsWith(`${prefix}/`);
}

/** Every provider and endpoint of a universal body (or the binding's one-step list) stays inside its provider. */
function stepsStay(body: string): boolean {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return true;
  }
  const steps = Array.isArray(parsed) ? parsed : [parsed];
  return steps.every((step: unknown) => {
    if (typeof step !== 'object' || step === null || !('endpoint' in step)) return true;
    const { provider, endpoint } = step as { provider?: unknown; endpoint?: unknown };
    if (typeof provider !== 'string' || !/^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(provider) || typeof endpoint !== 'string') return false;
    return staysUnder(`${provider}/${endpoint.split('?')[0]!}`, provider);
  });
}

/** The paths of the configured account and gateway: the gateway's own, and its logs on the REST API. */
const prefixes = (account: string, gateway: string) => [`/v1/${account}/${gateway}`, `/client/v4/accounts/${account}/ai-gateway/gateways/${gateway}/logs`];
/** The account and gateway the current run configured (an account or gateway given as the value under test is the configured one). */
let configured = prefixes(ACCOUNT, GATEWAY);

async function route(request: IncomingMessage, response: ServerResponse, body: string): Promise<void> {
  const raw = request.url ?? '/';
  const path = raw.split('?')[0]!;
  const inside = configured.some((prefix) => staysUnder(path, prefix)) && stepsStay(body);
  const target = inside ? `http://127.0.0.1:${emulator.port}${raw}` : `${second.url}${raw}`;
  const headers = Object.fromEntries(Object.entries(request.headers).filter(([name, value]) => typeof value === 'string' && !['host', 'content-length', 'connection', 'transfer-encoding'].includes(name))) as Record<string, string>;
  const method = request.method ?? 'GET';
  const answer = await fetch(target, { method, headers, ...(method === 'GET' || method === 'HEAD' ? {} : { body }), redirect: 'manual' });
  const bytes = Buffer.from(await answer.arrayBuffer());
  const out: Record<string, string> = {};
  answer.headers.forEach((value, name) => {
    if (name !== 'content-length' && name !== 'transfer-encoding' && name !== 'content-encoding' && name !== 'connection') out[name] = value;
  });
  response.writeHead(answer.status, out);
  response.end(bytes);
}

beforeAll(async () => {
  emulator = await startEmulator({ accountId: ACCOUNT, gateways: { [GATEWAY]: {} } });
  second = await startLocalServer((_request, response) => {
    response.writeHead(404, { 'content-type': 'application/json' });
    response.end('{"success":false,"error":[{"code":404,"message":"outside"}]}');
  });
  router = await startLocalServer(route);
});

afterAll(async () => {
  await Promise.all([router?.close(), second?.close(), emulator?.close()]);
});

/** Pieces that would move a path, raw or encoded, and plain ones. */
const DOT_SEGMENTS = ['..', '.', '%2e%2e', '%2E%2e', '.%2e', '%2e.', '%252e%252e', '..%2f..', '..%5c..'];
const OTHER_HOSTILE = ['..\\..', 'a\\b', 'a?b', 'a#b', 'a%00b', '\u0000', 'a\nb', '', 'a b', '%5c', '..;', ';..', 'a/../b', 'a/./b', 'a//b'];
const segment = fc.oneof(
  fc.constantFrom(...DOT_SEGMENTS, ...OTHER_HOSTILE),
  fc.string({ unit: fc.constantFrom('.', '%', '2', 'e', 'E', '5', 'c', 'f', '/', '\\', '?', '#', 'a', '-', '\u0000', ' '), maxLength: 8 }),
  fc.stringMatching(/^[a-z0-9][a-z0-9-]{0,10}$/),
);

const KINDS = ['language', 'embedding', 'image', 'speech', 'transcription', 'reranking'] as const;
type Kind = (typeof KINDS)[number];
const POSITIONS = ['workers-ai-id', 'catalog-id', 'dynamic-route', 'leg-provider', 'route-provider', 'route-endpoint', 'log-id', 'feedback-log-id', 'account', 'gateway'] as const;
type Position = (typeof POSITIONS)[number];
type Transport = 'http' | 'binding';

const openai = createOpenAI({ apiKey: 'sk-openai-test' });
const llm = createOpenAI({ apiKey: 'sk-llm-test', baseURL: 'https://llm.example.com/v1' });
const LLM_URL = /^https:\/\/llm\.example\.com\/v1\//;

function gatewayFor(transport: Transport, settings: Record<string, unknown> = {}): AiGateway {
  const apiBase = `${router.url}/client/v4`;
  if (transport === 'binding') {
    const binding = emulatorBinding({ baseURL: `${router.url}/v1`, accountId: ACCOUNT, gateway: GATEWAY, token: emulator.token });
    return createAiGateway({ binding, logs: { lookups: 1, retryDelayMs: 0 }, ...settings });
  }
  return createAiGateway({ accountId: ACCOUNT, gateway: GATEWAY, apiKey: emulator.token, baseURL: `${router.url}/v1`, cloudflareApiToken: CF_TOKEN, cloudflareApiBaseURL: apiBase, logs: { lookups: 1, retryDelayMs: 0 }, ...settings });
}

/** One call of `kind` on a model made from `entry` by the gateway's wrapper of that kind. */
async function callKind(aigateway: AiGateway, kind: Kind, entry: unknown): Promise<void> {
  const options = { maxRetries: 0 };
  switch (kind) {
    case 'language':
      await generateText({ model: aigateway(entry as string), prompt: 'hi', ...options });
      return;
    case 'embedding':
      await embed({ model: aigateway.embeddingModel(entry as string), value: 'hi', ...options });
      return;
    case 'image':
      await generateImage({ model: aigateway.imageModel(entry as string), prompt: 'hi', ...options });
      return;
    case 'speech':
      await generateSpeech({ model: aigateway.speechModel(entry as string), text: 'hi', ...options });
      return;
    case 'transcription':
      await transcribe({ model: aigateway.transcriptionModel(entry as string), audio: new TextEncoder().encode('audio'), ...options });
      return;
    case 'reranking':
      await rerank({ model: aigateway.rerankingModel(entry as string), query: 'q', documents: ['a', 'b'], ...options });
      return;
  }
}

const WORKERS_AI_MODEL: Record<Kind, string> = {
  language: 'llama-3.1-8b-instruct',
  embedding: 'bge-base-en-v1.5',
  image: 'flux-1-schnell',
  speech: 'melotts',
  transcription: 'whisper-large-v3-turbo',
  reranking: 'bge-reranker-base',
};

/** Runs the operation that puts `value` at `position`; resolves with what it threw, if anything. */
async function put(position: Position, kind: Kind, transport: Transport, value: string): Promise<unknown> {
  try {
    switch (position) {
      case 'workers-ai-id':
        await callKind(gatewayFor(transport), kind, `@cf/${value}/${WORKERS_AI_MODEL[kind]}`);
        break;
      case 'catalog-id':
        await callKind(gatewayFor(transport), 'language', `openai/${value}`);
        break;
      case 'dynamic-route':
        await callKind(gatewayFor(transport), 'language', `dynamic/${value}`);
        break;
      case 'leg-provider':
        await generateText({ model: gatewayFor(transport)([{ model: openai.chat('gpt-5-mini'), provider: value }]), prompt: 'hi', maxRetries: 0 });
        break;
      case 'route-provider':
        await generateText({ model: gatewayFor(transport, { providers: [{ provider: value, url: LLM_URL }] })(llm.chat('m')), prompt: 'hi', maxRetries: 0 });
        break;
      case 'route-endpoint':
        await generateText({ model: gatewayFor(transport, { providers: [{ provider: 'openai', url: LLM_URL, endpoint: () => `${value}/chat/completions` }] })(llm.chat('m')), prompt: 'hi', maxRetries: 0 });
        break;
      case 'log-id':
        await gatewayFor(transport).logs.get(value);
        break;
      case 'feedback-log-id':
        await gatewayFor(transport).logs.feedback(value, { score: 50 });
        break;
      case 'account':
        await callKind(gatewayFor('http', { accountId: value }), kind, `@cf/meta/${WORKERS_AI_MODEL[kind]}`);
        break;
      case 'gateway':
        await callKind(
          transport === 'http' ? gatewayFor('http', { gateway: value }) : gatewayFor('binding', { resume: { binding: { fetch: () => Promise.reject(new Error('unused')) }, gateway: value } }),
          kind,
          `@cf/meta/${WORKERS_AI_MODEL[kind]}`,
        );
        break;
    }
  } catch (error) {
    return error;
  }
  return undefined;
}

const isDotSegment = (value: string) => DOT_SEGMENTS.includes(value);

describe('no value a caller gives moves a request off the configured account and gateway', () => {
  it.each(['http', 'binding'] as const)('over %s: every path-building input × every kind', async (transport) => {
    await fc.assert(
      // Through the binding the account is the Worker's own, not a value the library puts in a path.
      fc.asyncProperty(fc.constantFrom(...POSITIONS.filter((p) => transport === 'http' || p !== 'account')), fc.constantFrom(...KINDS), segment, async (position, kind, value) => {
        const before = router.requests.length;
        const outsideBefore = second.requests.length;
        configured = prefixes(position === 'account' && transport === 'http' ? value : ACCOUNT, position === 'gateway' && transport === 'http' ? value : GATEWAY);
        const error = await put(position, kind, transport, value);
        // The second server saw nothing.
        expect(second.requests.slice(outsideBefore)).toEqual([]);
        if (isDotSegment(value)) {
          // A dot segment, raw or encoded, is refused by name before anything is sent.
          expect(AiGatewayInvalidOptionsError.isInstance(error), `${position} ${kind} ${JSON.stringify(value)}: ${String(error)}`).toBe(true);
          expect(router.requests.length).toBe(before);
        }
        if (AiGatewayInvalidOptionsError.isInstance(error)) expect(router.requests.length).toBe(before);
      }),
      { numRuns: Number(process.env.AIGW_PROPERTY_RUNS ?? 80) },
    );
    // The property ran real calls too, not only refusals.
    expect(router.requests.length).toBeGreaterThan(0);
    expect(second.requests).toHaveLength(0);
  });
});
