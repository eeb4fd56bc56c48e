import { emulatorBinding } from '@aigw/emulator/binding';
import { convertToModelMessages, safeValidateUIMessages, streamText, type UIMessage } from 'ai';
import { AiGatewayError, createAiGateway, type AiGatewayBindingSettings } from 'ai-gateway-provider';
import { createAnthropic } from 'ai-gateway-provider/providers/anthropic';
import { createOpenAI } from 'ai-gateway-provider/providers/openai';
import { faultHeaders, isFault, type Fault } from './faults';
import { messageMetadata, type ChatMessageMetadata } from './metadata';

/** The gateway binding: what `env.AI.gateway(id)` returns. */
type GatewayBinding = AiGatewayBindingSettings['binding'];

export interface ChatEnv {
  /** The `ai` binding of wrangler.jsonc. */
  AI?: { gateway(id: string): GatewayBinding };
  /** An emulator's base URL (`http://127.0.0.1:8787/v1`): the Worker talks to it instead of Cloudflare. */
  AIGW_EMULATOR_URL?: string;
  /** Provider keys (`wrangler secret put`); without them the gateway's stored keys (BYOK) are used. */
  OPENAI_API_KEY?: string;
  ANTHROPIC_API_KEY?: string;
}

/** A chat message of this app: an AI SDK UI message whose metadata says who answered. */
export type ChatMessage = UIMessage<ChatMessageMetadata>;

export const GATEWAY_ID = 'my-gateway';
/** Bigger bodies are refused: the whole history comes with each turn, but not without bound. */
const MAX_BODY_BYTES = 512 * 1024;

/** POST /api/chat: `{ messages, fault? }` in, the answer out as a UI message stream (SSE). */
export async function handleChat(request: Request, env: ChatEnv): Promise<Response> {
  const emulated = env.AIGW_EMULATOR_URL !== undefined && env.AIGW_EMULATOR_URL !== '';
  const body = await readBody(request, emulated);
  if (body instanceof Response) return body;

  const faults = faultHeaders(body.fault);
  const aigateway = createAiGateway({ binding: gatewayBinding(env) });
  const anthropic = createAnthropic({ apiKey: env.ANTHROPIC_API_KEY, ...(faults.firstModel ? { headers: faults.firstModel } : {}) });
  const openai = createOpenAI({ apiKey: env.OPENAI_API_KEY });

  const result = streamText({
    // One request: the gateway tries Claude, and GPT when Claude fails.
    model: aigateway([anthropic('claude-sonnet-4-5'), openai.chat('gpt-5-mini')]),
    system: 'You are a helpful assistant. Answer briefly.',
    messages: await convertToModelMessages(body.messages),
    // Per-call headers go to every model of the list.
    ...(faults.call ? { headers: faults.call } : {}),
    abortSignal: request.signal,
    // The gateway already falls back across the models; do not send the whole list again.
    maxRetries: 0,
    // One line in the Worker's log (the default prints the whole error object).
    onError: ({ error }) => console.error(`chat failed: ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`),
  });

  return result.toUIMessageStreamResponse<ChatMessage>({
    messageMetadata,
    // What the page shows when the call fails. The AI SDK's default is a bare "An error occurred.";
    // this library's errors are typed and scrubbed of keys and tokens, so their name and message can go.
    onError: errorText,
    headers: { 'cache-control': 'no-store' },
  });
}

/** `AiGatewayInsufficientCreditsError: ...` for this library's errors; a generic line for others. */
export function errorText(error: unknown): string {
  if (AiGatewayError.isInstance(error)) return `${error.name.replace(/^AI_/, '')}: ${error.message}`;
  // Other errors (a provider SDK's, a bug) may quote more than the page should see: the log has them.
  const name = error instanceof Error ? error.name.replace(/^AI_/, '') : 'Error';
  return `${name}: the model call failed (the Worker's log has the details).`;
}

async function readBody(request: Request, emulated: boolean): Promise<{ messages: ChatMessage[]; fault: Fault } | Response> {
  const declared = Number(request.headers.get('content-length') ?? '0');
  if (declared > MAX_BODY_BYTES) return badRequest(`The chat is over ${MAX_BODY_BYTES} bytes; start a new one.`, 413);
  const bytes = await request.arrayBuffer();
  if (bytes.byteLength > MAX_BODY_BYTES) return badRequest(`The chat is over ${MAX_BODY_BYTES} bytes; start a new one.`, 413);
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder().decode(bytes));
  } catch {
    return badRequest('The body is not JSON. Send { "messages": [UIMessage, ...] }.');
  }
  if (typeof json !== 'object' || json === null || !('messages' in json)) return badRequest('The body has no "messages". Send { "messages": [UIMessage, ...] }.');
  const { messages, fault = 'none' } = json as { messages: unknown; fault?: unknown };
  const checked = await safeValidateUIMessages<ChatMessage>({ messages });
  if (!checked.success) return badRequest(`"messages" is not a list of UI messages: ${checked.error.message}`);
  if (!isFault(fault)) return badRequest(`"fault" must be one of none, first-model, every-model, gateway-error; got ${JSON.stringify(fault)}.`);
  if (fault !== 'none' && !emulated) return badRequest(`"fault" ${fault} needs the local emulator (the var AIGW_EMULATOR_URL); the real gateway takes no fault requests.`);
  return { messages: checked.data, fault };
}

function badRequest(message: string, status = 400): Response {
  return Response.json({ error: message }, { status });
}

function gatewayBinding(env: ChatEnv): GatewayBinding {
  if (env.AIGW_EMULATOR_URL) return emulatorBinding({ baseURL: env.AIGW_EMULATOR_URL, gateway: GATEWAY_ID });
  if (env.AI === undefined) throw new Error('No AI binding: add "ai": { "binding": "AI" } to wrangler.jsonc, or set AIGW_EMULATOR_URL.');
  return env.AI.gateway(GATEWAY_ID);
}
