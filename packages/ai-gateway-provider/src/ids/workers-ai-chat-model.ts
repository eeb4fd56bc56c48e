/**
 * The chat model of a Workers AI `@cf/...` language id: `@ai-sdk/openai-compatible`'s own chat model,
 * whose `doGenerate` reads the usual answer (Workers AI's OpenAI-format chat completion) with a few
 * type checks instead of the package's zod schema. The request is built by the package
 * (`prepareGenerateRequest`) and the result by the package (`convertGenerateResponse`), so text, tool
 * calls, usage, finish reason, reasoning, structured output and warnings are the package's own. Any
 * answer outside the usual shape (an error status, an error body, content parts, a field of another
 * type, a key that `secure-json-parse` refuses) goes to the package's own `doGenerate`, handed the
 * same answer: its result or its error, unchanged. Streaming is the package's own.
 */

/** What is used of `@ai-sdk/openai-compatible`'s chat model (its 3.x internals, checked before use). */
interface OfficialChatModel {
  readonly modelId: string;
  readonly config: {
    url(options: { path: string; modelId: string }): string;
    headers?: (() => Record<string, string | undefined> | PromiseLike<Record<string, string | undefined>>) | Record<string, string | undefined>;
    fetch?: typeof fetch;
  };
  doGenerate(options: GenerateOptions): Promise<GenerateResult>;
  prepareGenerateRequest(options: GenerateOptions): Promise<{ body: unknown; warnings: unknown[]; metadataKey: string }>;
  convertGenerateResponse(options: { response: unknown; rawResponse: unknown; metadataKey: string }): Promise<GenerateResult & { response: Record<string, unknown> }>;
}
interface GenerateOptions {
  headers?: Record<string, string | undefined>;
  abortSignal?: AbortSignal;
}
type GenerateResult = Record<string, unknown>;
type ChatModelClass = new (modelId: string, config: OfficialChatModel['config']) => OfficialChatModel;

const leanClasses = new WeakMap<ChatModelClass, ChatModelClass>();

/**
 * The model of `official` (built by `createOpenAICompatible(...).chatModel(id)`) with the lean
 * `doGenerate`; `official` itself where the installed package lacks the methods it builds on.
 */
export function workersAiChatModel(official: object, Official: unknown): object {
  const Base = Official as ChatModelClass | undefined;
  if (typeof Base !== 'function' || !(official instanceof Base)) return official;
  const proto = Base.prototype as Partial<OfficialChatModel> | undefined;
  if (typeof proto?.prepareGenerateRequest !== 'function' || typeof proto.convertGenerateResponse !== 'function') return official;
  let Lean = leanClasses.get(Base);
  if (Lean === undefined) {
    Lean = leanClass(Base);
    leanClasses.set(Base, Lean);
  }
  return new Lean(official.modelId, official.config);
}

function leanClass(Base: ChatModelClass): ChatModelClass {
  const prototype = Base.prototype as OfficialChatModel;
  return class WorkersAiChatModel extends Base {
    override async doGenerate(options: GenerateOptions): Promise<GenerateResult> {
      const { body, warnings, metadataKey } = await this.prepareGenerateRequest(options);
      const url = this.config.url({ path: '/chat/completions', modelId: this.modelId });
      const configHeaders = typeof this.config.headers === 'function' ? await this.config.headers() : this.config.headers;
      // As the package sends them: JSON, its headers then the call's, names in lower case, and the
      // runtime at the end of the User-Agent.
      // (A plain object: a `Headers` costs more than the whole check of the answer.)
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      addHeaders(headers, configHeaders);
      addHeaders(headers, options.headers);
      const agent = runtimeUserAgent();
      if (agent !== '') headers['user-agent'] = headers['user-agent'] ? `${headers['user-agent']} ${agent}` : agent;
      const requestBody = JSON.stringify(body);
      const send = this.config.fetch ?? globalThis.fetch;
      let response: Response;
      try {
        response = await send(url, { method: 'POST', headers, body: requestBody, signal: options.abortSignal });
      } catch (error) {
        // The package's own handling of a failed send (an abort, "fetch failed", a gateway error).
        // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors -- the very error the send threw
        return this.official(options, () => Promise.reject(error));
      }
      if (!response.ok) return this.official(options, () => Promise.resolve(response));
      const text = await response.text();
      const answer = usualAnswer(text);
      if (answer === undefined) {
        const again = new Response(text, { status: response.status, statusText: response.statusText, headers: response.headers });
        return this.official(options, () => Promise.resolve(again));
      }
      const result = await this.convertGenerateResponse({ response: answer, rawResponse: answer, metadataKey });
      const responseHeaders: Record<string, string> = {};
      response.headers.forEach((value, name) => (responseHeaders[name] = value));
      return { ...result, request: { body: requestBody }, response: { ...result.response, headers: responseHeaders, body: answer }, warnings };
    }

    /** The package's own `doGenerate`, its request answered by `answer` instead of being sent again. */
    private official(options: GenerateOptions, answer: () => Promise<Response>): Promise<GenerateResult> {
      const view = Object.assign(Object.create(prototype) as OfficialChatModel, this, { config: { ...this.config, fetch: answer } });
      return prototype.doGenerate.call(view, options);
    }
  };
}

/** What `Headers` trims from a value. */
const HTTP_WHITESPACE_AROUND = /^[\t\n\r ]+|[\t\n\r ]+$/g;

/** Tab, line feed, carriage return, space: HTTP whitespace (all at or below the space). */
const isHttpWhitespace = (code: number) => code === 0x20 || code === 0x09 || code === 0x0a || code === 0x0d;

/** Adds `source`'s headers, names in lower case and values trimmed as `Headers` trims them (the usual value has nothing to trim, and is not copied). */
function addHeaders(headers: Record<string, string>, source: Record<string, string | undefined> | undefined): void {
  for (const name in source) {
    const value = source[name];
    if (value === undefined) continue;
    const trim = value.length > 0 && (isHttpWhitespace(value.charCodeAt(0)) || isHttpWhitespace(value.charCodeAt(value.length - 1)));
    headers[name.toLowerCase()] = trim ? value.replace(HTTP_WHITESPACE_AROUND, '') : value;
  }
}

/** The runtime part of the AI SDK's User-Agent (`node.js/v24.1.0`, a browser's, `vercel-edge`). */
function runtimeUserAgent(): string {
  const g = globalThis as { navigator?: { userAgent?: string }; process?: { version?: string; versions?: { node?: string } }; EdgeRuntime?: unknown };
  if (g.navigator?.userAgent) return g.navigator.userAgent.toLowerCase();
  if (g.process?.versions?.node) return `node.js/${g.process.version}`;
  return g.EdgeRuntime === undefined ? '' : 'vercel-edge';
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const optional = (value: unknown, type: 'string' | 'number') => value === undefined || value === null || typeof value === type;
const optionalObject = (value: unknown, check: (object: Record<string, unknown>) => boolean) => value === undefined || value === null || (isObject(value) && check(value));
const numbers = (object: Record<string, unknown>, keys: readonly string[]) => keys.every((key) => optional(object[key], 'number'));

/**
 * The answer, parsed, when it has the usual shape the package's schema accepts and converts without
 * change (string content, string tool-call arguments, numeric usage); otherwise undefined.
 */
export function usualAnswer(text: string): Record<string, unknown> | undefined {
  // secure-json-parse (the package's parser) refuses these keys; let the package say so.
  if (text.includes('__proto__') || text.includes('constructor')) return undefined;
  let answer: unknown;
  try {
    answer = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (!isObject(answer) || 'error' in answer) return undefined;
  if (!optional(answer.id, 'string') || !optional(answer.model, 'string') || !optional(answer.created, 'number')) return undefined;
  const { choices, usage } = answer;
  if (!Array.isArray(choices) || choices.length === 0) return undefined;
  for (const choice of choices as unknown[]) {
    if (!isObject(choice) || !optional(choice.finish_reason, 'string')) return undefined;
    const message = choice.message;
    if (!isObject(message)) return undefined;
    if (!(message.role === undefined || message.role === null || message.role === 'assistant')) return undefined;
    if (!optional(message.content, 'string') || !optional(message.refusal, 'string')) return undefined;
    if (!optional(message.reasoning_content, 'string') || !optional(message.reasoning, 'string')) return undefined;
    const calls = message.tool_calls;
    if (calls !== undefined && calls !== null) {
      if (!Array.isArray(calls)) return undefined;
      for (const call of calls as unknown[]) {
        if (!isObject(call) || !optional(call.id, 'string') || call.extra_content !== undefined) return undefined;
        const fn = call.function;
        if (!isObject(fn) || typeof fn.name !== 'string' || typeof fn.arguments !== 'string') return undefined;
      }
    }
  }
  const usageOk = optionalObject(
    usage,
    (u) =>
      numbers(u, ['prompt_tokens', 'completion_tokens', 'total_tokens']) &&
      optionalObject(u.prompt_tokens_details, (d) => numbers(d, ['cached_tokens'])) &&
      optionalObject(u.completion_tokens_details, (d) => numbers(d, ['reasoning_tokens', 'accepted_prediction_tokens', 'rejected_prediction_tokens'])),
  );
  return usageOk ? answer : undefined;
}
