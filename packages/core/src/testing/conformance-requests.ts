import type { GatewayRequest, GatewayStep } from '../gateway-request';
import type { ConformanceTarget } from './conformance-target';

/** The provider key the suite sends in its steps; it must never show up in an error. */
export const CONFORMANCE_PROVIDER_KEY = 'sk-conformance-provider-key-0123456789';

/** Options of `chatStep`. */
export interface ChatStepOptions {
  /** The user message; the emulator's default answer echoes it as `Echo: <content>`. */
  readonly content: string;
  readonly stream?: boolean;
  /** A fault for the emulator (`x-emulator-fault`). */
  readonly fault?: Readonly<Record<string, unknown>>;
  /** A scripted reply for the emulator (`x-emulator-reply`). */
  readonly reply?: Readonly<Record<string, unknown>>;
  /** More step headers (e.g. per-leg `cf-aig-*` options). */
  readonly headers?: Readonly<Record<string, string>>;
}

/** An OpenAI chat-completions step, its body JSON text as a provider SDK would have produced it. */
export function chatStep(options: ChatStepOptions): GatewayStep {
  const headers: Record<string, string> = {
    authorization: `Bearer ${CONFORMANCE_PROVIDER_KEY}`,
    'content-type': 'application/json',
    ...(options.fault ? { 'x-emulator-fault': JSON.stringify(options.fault) } : {}),
    ...(options.reply ? { 'x-emulator-reply': JSON.stringify(options.reply) } : {}),
    ...options.headers,
  };
  const body = JSON.stringify({
    model: 'gpt-conformance',
    messages: [{ role: 'user', content: options.content }],
    ...(options.stream ? { stream: true } : {}),
  });
  return { provider: 'openai', endpoint: 'chat/completions', method: 'POST', headers, body, json: true };
}

/** Options of `universalRequest`. */
export interface UniversalRequestOptions {
  readonly steps: readonly GatewayStep[];
  /** Outer `cf-aig-*` headers. */
  readonly headers?: Readonly<Record<string, string>>;
}

/** A universal gateway request built by hand. */
export function universalRequest(options: UniversalRequestOptions): GatewayRequest {
  return { mode: 'universal', steps: options.steps, headers: options.headers ?? {} };
}

/** A provider-mode request: an OpenAI transcription upload, a multipart body that cannot be a universal step. */
export function transcriptionRequest(): GatewayRequest {
  const form = new FormData();
  form.append('model', 'whisper-conformance');
  form.append('file', new Blob([new TextEncoder().encode('conformance audio bytes')], { type: 'audio/wav' }), 'audio.wav');
  const step: GatewayStep = {
    provider: 'openai',
    endpoint: 'audio/transcriptions',
    method: 'POST',
    headers: { authorization: `Bearer ${CONFORMANCE_PROVIDER_KEY}` },
    body: form,
    json: false,
  };
  return { mode: 'provider', steps: [step], headers: {} };
}

/** The text of an OpenAI chat completion (non-streamed). */
export async function completionText(response: Response): Promise<string> {
  const body = (await response.json()) as { choices?: { message?: { content?: unknown } }[] };
  const content = body.choices?.[0]?.message?.content;
  return typeof content === 'string' ? content : '';
}

/** The text of an OpenAI chat-completions SSE stream. */
export function streamedText(sse: string): string {
  let text = '';
  for (const line of sse.split(/\r?\n/)) {
    if (!line.startsWith('data:')) continue;
    const data = line.slice(5).trim();
    if (data === '' || data === '[DONE]') continue;
    const chunk = JSON.parse(data) as { choices?: { delta?: { content?: unknown } }[] };
    const delta = chunk.choices?.[0]?.delta?.content;
    if (typeof delta === 'string') text += delta;
  }
  return text;
}

/** The emulator's log entry for a log id, or undefined while there is none yet (the log API of the gateway double). */
export async function fetchLogEntry(options: { target: ConformanceTarget; logId: string }): Promise<Record<string, unknown> | undefined> {
  const { target, logId } = options;
  const url = `${gatewayRoot(target)}/logs/${encodeURIComponent(logId)}`;
  const response = await fetch(url, { headers: target.token === undefined ? {} : { 'cf-aig-authorization': `Bearer ${target.token}` } });
  if (response.status === 404) {
    await response.body?.cancel();
    return undefined;
  }
  const body = (await response.json()) as { success?: boolean; result?: Record<string, unknown> };
  return body.success === true ? body.result : undefined;
}

/** `{baseURL}/{account}/{gateway}`. */
export function gatewayRoot(target: ConformanceTarget): string {
  return `${target.baseURL.replace(/\/+$/, '')}/${encodeURIComponent(target.accountId)}/${encodeURIComponent(target.gateway)}`;
}
