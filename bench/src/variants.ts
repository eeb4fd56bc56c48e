// The three ways of calling the same model that the benchmark compares, all against the stub.
import { createOpenAI } from '@ai-sdk/openai';
import type { LanguageModel } from 'ai';
import { createAiGateway } from 'ai-gateway-provider';
import { createAI } from 'agents/models/ai-sdk';
import { createAiGateway as createCloudflareGateway } from 'cloudflare-ai-gateway-provider';
import { createWorkersAI } from 'workers-ai-provider';
import { ACCOUNT_ID, FAIL_HEADER, GATEWAY_ID, GATEWAY_TOKEN, MODEL_ID, OPENAI_KEY } from './fixtures.ts';

export const VARIANTS = ['direct', 'ours', 'cloudflare', 'createai'] as const;
/** `base`: another build of ours (BENCH_BASE, see base.ts), an extra variant when set. */
export type VariantName = (typeof VARIANTS)[number] | 'base';

export interface Variant {
  readonly name: VariantName;
  /** A model for one call. Built per call in every variant: Cloudflare's 4.0.1 is not safe to share across concurrent calls (cloudflare/ai#620). */
  model(): LanguageModel;
  /** One model for every call (the usual way to use a model; unsafe with Cloudflare's 4.0.1). */
  readonly shared: LanguageModel;
  /** Three models, the first two failing at the gateway; undefined where there is no gateway. */
  fallback?(): LanguageModel;
}

/** HTTP requests sent through the global fetch since the redirect was installed (every variant sends through it). */
export const sentRequests = { count: 0 };

/** Cloudflare's 4.0.1 fetches this origin with the global fetch and has no base URL option. */
export const CLOUDFLARE_ORIGIN = 'https://gateway.ai.cloudflare.com';
/** `createAI` and workers-ai-provider send Workers AI ids to this origin's REST API. */
export const CLOUDFLARE_API_ORIGIN = 'https://api.cloudflare.com';

/**
 * Replaces the global fetch, for the whole run and for every variant alike, with one that sends
 * Cloudflare's hard-coded gateway origin to the stub and refuses anything not bound for the stub.
 * Its cost (two `startsWith`, a counter and a call) is paid by every variant's request. Cloudflare's
 * `createAI` (agents 0.32.0) also fetches that origin with the global fetch in its HTTP mode.
 */
export function installFetchRedirect(stubOrigin: string): () => void {
  const original = globalThis.fetch;
  globalThis.fetch = (input, init) => {
    sentRequests.count++;
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    if (url.startsWith(CLOUDFLARE_ORIGIN)) return original(stubOrigin + url.slice(CLOUDFLARE_ORIGIN.length), init);
    if (url.startsWith(CLOUDFLARE_API_ORIGIN)) return original(stubOrigin + url.slice(CLOUDFLARE_API_ORIGIN.length), init);
    if (!url.startsWith(stubOrigin)) return Promise.reject(new Error(`bench: refusing to fetch ${url}; only the stub is allowed`));
    return original(input, init);
  };
  return () => {
    globalThis.fetch = original;
  };
}

/** `ours` builds its gateway with `createOurs` (another build of ours can stand in, for an A/B run). */
export function createVariant(name: VariantName, stubOrigin: string, createOurs: typeof createAiGateway = createAiGateway): Variant {
  if (name === 'direct') {
    const openai = createOpenAI({ baseURL: `${stubOrigin}/v1`, apiKey: OPENAI_KEY });
    return { name, model: () => openai.chat(MODEL_ID), shared: openai.chat(MODEL_ID) };
  }
  // The wrapped models keep OpenAI's own URL; the gateway client maps it to a step.
  const openai = createOpenAI({ apiKey: OPENAI_KEY });
  const failing = createOpenAI({ apiKey: OPENAI_KEY, headers: { [FAIL_HEADER]: '1' } });
  if (name === 'createai') {
    // Cloudflare's successor: a vendor model goes to the gateway's provider-native path, one request
    // per leg; its fallback is client-side (a leg after another), so three legs cost three requests.
    const ai = createAI({ accountId: ACCOUNT_ID, apiToken: GATEWAY_TOKEN, id: GATEWAY_ID });
    return {
      name,
      model: () => ai(openai.chat(MODEL_ID)),
      shared: ai(openai.chat(MODEL_ID)),
      fallback: () => ai(failing.chat('gpt-4.1'), { fallback: [failing.chat('gpt-4.1-mini'), openai.chat(MODEL_ID)] }),
    };
  }
  const gateway =
    name === 'ours' || name === 'base'
      ? createOurs({ accountId: ACCOUNT_ID, gateway: GATEWAY_ID, apiKey: GATEWAY_TOKEN, baseURL: `${stubOrigin}/v1` })
      : createCloudflareGateway({ accountId: ACCOUNT_ID, gateway: GATEWAY_ID, apiKey: GATEWAY_TOKEN });
  return {
    name,
    model: () => gateway(openai.chat(MODEL_ID)),
    shared: gateway(openai.chat(MODEL_ID)),
    fallback: () => gateway([failing.chat('gpt-4.1'), failing.chat('gpt-4.1-mini'), openai.chat(MODEL_ID)]),
  };
}

/** The Workers AI model of the Workers AI id row. */
export const WORKERS_AI_MODEL = '@cf/meta/llama-3.1-8b-instruct';
export const WORKERS_AI_CLIENTS = ['ours', 'createai', 'workers-ai-provider'] as const;
/** `base`: the BENCH_BASE build of ours, when set. */
export type WorkersAiClient = (typeof WORKERS_AI_CLIENTS)[number] | 'base';

/**
 * A Workers AI id as each client takes it: ours `aigateway('@cf/…')` (a universal step to the
 * gateway's `workers-ai` provider), `createAI`'s `ai('@cf/…')` (the REST run API in its HTTP mode)
 * and workers-ai-provider's `createWorkersAI({ gateway })('@cf/…')` (the gateway's Workers AI path).
 */
export function workersAiModel(client: WorkersAiClient, stubOrigin: string, createOurs: typeof createAiGateway = createAiGateway): () => LanguageModel {
  if (client === 'ours' || client === 'base') {
    const gateway = createOurs({ accountId: ACCOUNT_ID, gateway: GATEWAY_ID, apiKey: GATEWAY_TOKEN, baseURL: `${stubOrigin}/v1`, cloudflareApiToken: GATEWAY_TOKEN });
    return () => gateway(WORKERS_AI_MODEL);
  }
  if (client === 'createai') {
    const ai = createAI({ accountId: ACCOUNT_ID, apiToken: GATEWAY_TOKEN, id: GATEWAY_ID });
    return () => ai(WORKERS_AI_MODEL);
  }
  const workersAi = createWorkersAI({ accountId: ACCOUNT_ID, apiKey: GATEWAY_TOKEN, gateway: { id: GATEWAY_ID } });
  return () => workersAi(WORKERS_AI_MODEL);
}
