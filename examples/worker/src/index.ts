// A Worker that streams a chat answer through AI Gateway with a fallback of two models, over the
// Workers AI binding: env.AI.gateway('my-gateway'). With the var AIGW_EMULATOR_URL set (local
// development, tests) the binding is the emulator's double of it instead.
import { emulatorBinding } from '@aigw/emulator/binding';
import { streamText } from 'ai';
import { createAiGateway, type AiGatewayBinding } from 'ai-gateway-provider';
import { createAnthropic } from 'ai-gateway-provider/providers/anthropic';
import { createOpenAI } from 'ai-gateway-provider/providers/openai';

/** The gateway binding: what `env.AI.gateway(id)` returns. */
type GatewayBinding = AiGatewayBinding;

export interface Env {
  /** The `ai` binding of wrangler.jsonc. */
  AI?: { gateway(id: string): GatewayBinding };
  /** Set it to an emulator's base URL (`http://127.0.0.1:8787/v1`) to run without Cloudflare. */
  AIGW_EMULATOR_URL?: string;
  /** Provider keys (`wrangler secret put`); without them the gateway's stored keys (BYOK) are used. */
  OPENAI_API_KEY?: string;
  ANTHROPIC_API_KEY?: string;
}

const GATEWAY_ID = 'my-gateway';
/** The fallback list, in order: the gateway tries the first, then the second. */
const MODELS = [
  { provider: 'openai', model: 'gpt-5-mini' },
  { provider: 'anthropic', model: 'claude-sonnet-4-5' },
] as const;

export default {
  async fetch(request: Request, env: Env): Promise<Response> {
    const url = new URL(request.url);
    if (url.pathname !== '/') return new Response('Not found. Try GET /?prompt=Hello\n', { status: 404 });
    const prompt = url.searchParams.get('prompt') ?? (request.method === 'POST' ? await request.text() : '');
    if (prompt.trim() === '') return new Response('Say something: GET /?prompt=Hello, or POST the prompt as the body.\n', { status: 400 });

    const emulated = env.AIGW_EMULATOR_URL !== undefined && env.AIGW_EMULATOR_URL !== '';
    // Emulator only: `?fail=first` makes the first model's upstream answer 503, to watch the fallback;
    // `?fail=all` makes both fail.
    const fail = emulated ? url.searchParams.get('fail') : null;
    const failing = { headers: { 'x-emulator-fault': JSON.stringify({ status: 503 }) } };
    const { binding, answered } = watchAnswer(gatewayBinding(env));
    const aigateway = createAiGateway({ binding });

    // The emulator's simulated providers only check that a key is there.
    const openai = createOpenAI({
      apiKey: env.OPENAI_API_KEY ?? (emulated ? 'sk-emulator' : undefined),
      ...(fail === 'first' || fail === 'all' ? failing : {}),
    });
    const anthropic = createAnthropic({
      apiKey: env.ANTHROPIC_API_KEY ?? (emulated ? 'sk-ant-emulator' : undefined),
      ...(fail === 'all' ? failing : {}),
    });

    let failed: (error: unknown) => void = () => undefined;
    const failure = new Promise<never>((_, reject) => (failed = reject));
    const result = streamText({
      model: aigateway([openai.chat(MODELS[0].model), anthropic(MODELS[1].model)]),
      prompt,
      abortSignal: request.signal,
      // The gateway already falls back across the models; do not send the whole chain again.
      maxRetries: 0,
      onError: ({ error }) => {
        console.error(`streamText failed: ${describeError(error).message}`);
        failed(error);
      },
    });
    // Reads a copy of the stream, so that an error surfaces even before anyone reads the body.
    void result.consumeStream();

    // Wait for the gateway's answer (not the whole stream), so the status and the headers can say
    // which model answered, and a failed call becomes a 502 rather than an empty 200 stream.
    let headers: Headers;
    try {
      headers = await Promise.race([answered, failure]);
    } catch (error) {
      return Response.json(describeError(error), { status: 502 });
    }
    const step = Number(headers.get('cf-aig-step') ?? '0');
    return result.toTextStreamResponse({
      headers: {
        'x-aigw-step': String(step),
        'x-aigw-model': `${MODELS[step]?.provider ?? 'unknown'}/${MODELS[step]?.model ?? 'unknown'}`,
        'x-aigw-log-id': headers.get('cf-aig-log-id') ?? '',
        'cache-control': 'no-store',
      },
    });
  },
};

/** The error's class and message; the errors of ai-gateway-provider never carry a key or token. */
function describeError(error: unknown): { error: string; message: string } {
  return error instanceof Error ? { error: error.constructor.name, message: error.message } : { error: 'Error', message: String(error) };
}

function gatewayBinding(env: Env): GatewayBinding {
  if (env.AIGW_EMULATOR_URL) return emulatorBinding({ baseURL: env.AIGW_EMULATOR_URL, gateway: GATEWAY_ID });
  if (env.AI === undefined) throw new Error('No AI binding: add "ai": { "binding": "AI" } to wrangler.jsonc, or set AIGW_EMULATOR_URL.');
  return env.AI.gateway(GATEWAY_ID);
}

/** The binding, plus a promise of the headers of the gateway's successful answer, settled as soon as they arrive. */
function watchAnswer(binding: GatewayBinding): { binding: GatewayBinding; answered: Promise<Headers> } {
  let answer: (headers: Headers) => void = () => undefined;
  const answered = new Promise<Headers>((resolve) => (answer = resolve));
  const watched: GatewayBinding = {
    async run(data, options) {
      const response = await binding.run(data, options);
      // A provider error (every model failed) is left to the model's parser: it becomes an error part.
      if (response.ok) answer(response.headers);
      return response;
    },
  };
  // Provider-mode requests (file uploads) need getUrl; this Worker sends none, but keep it working.
  if (binding.getUrl) watched.getUrl = binding.getUrl.bind(binding);
  return { binding: watched, answered };
}
