// The Workers AI chat model of `@cf/...` ids (src/ids/workers-ai-chat-model.ts) against the official
// `@ai-sdk/openai-compatible` chat model it is built from: the same calls, answered by one local
// server with Workers AI's OpenAI-format answers of every shape, give the same AI SDK results, the
// same requests and the same errors.
import { createOpenAICompatible, OpenAICompatibleChatLanguageModel } from '@ai-sdk/openai-compatible';
import { generateText, jsonSchema, Output, type LanguageModel } from 'ai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { usualAnswer, workersAiChatModel } from '../src/ids/workers-ai-chat-model';
import { startLocalServer, type LocalServer } from './local-server';

const LLAMA = '@cf/meta/llama-3.1-8b-instruct';
const base = { id: 'chatcmpl-1', object: 'chat.completion', created: 1_765_000_000, model: LLAMA };
const usage = { prompt_tokens: 12, completion_tokens: 7, total_tokens: 19 };

/** Answers by name (the request's `x-answer` header): status and body. */
const ANSWERS: Record<string, { status: number; body: string }> = {
  text: { status: 200, body: JSON.stringify({ ...base, choices: [{ index: 0, message: { role: 'assistant', content: 'Hello there.' }, finish_reason: 'stop' }], usage }) },
  reasoning: {
    status: 200,
    body: JSON.stringify({
      ...base,
      choices: [{ index: 0, message: { role: 'assistant', content: 'Four.', reasoning_content: 'Two and two make four.' }, finish_reason: 'stop' }],
      usage: { ...usage, prompt_tokens_details: { cached_tokens: 4 }, completion_tokens_details: { reasoning_tokens: 5, accepted_prediction_tokens: 1, rejected_prediction_tokens: 2 } },
    }),
  },
  tools: {
    status: 200,
    body: JSON.stringify({
      ...base,
      choices: [
        {
          index: 0,
          message: { role: 'assistant', content: null, tool_calls: [{ id: 'call_1', type: 'function', function: { name: 'weather', arguments: '{"city":"Paris"}' } }] },
          finish_reason: 'tool_calls',
        },
      ],
      usage,
    }),
  },
  structured: { status: 200, body: JSON.stringify({ ...base, choices: [{ index: 0, message: { role: 'assistant', content: '{"city":"Lyon","days":2}' }, finish_reason: 'stop' }], usage }) },
  refusal: { status: 200, body: JSON.stringify({ ...base, choices: [{ index: 0, message: { role: 'assistant', content: null, refusal: 'I cannot.' }, finish_reason: 'stop' }] }) },
  'no usage, no id': { status: 200, body: JSON.stringify({ created: 1_765_000_000, choices: [{ message: { content: 'Hi.' }, finish_reason: 'length' }] }) },
  // Outside the usual shape: the package's own reading.
  'content parts': { status: 200, body: JSON.stringify({ ...base, choices: [{ index: 0, message: { role: 'assistant', content: [{ type: 'text', text: 'In parts.' }] }, finish_reason: 'stop' }], usage }) },
  'odd refusal': { status: 200, body: JSON.stringify({ ...base, choices: [{ index: 0, message: { role: 'assistant', content: 'Yes.', refusal: 42 }, finish_reason: 'stop' }], usage }) },
  'mentions constructor': { status: 200, body: JSON.stringify({ ...base, choices: [{ index: 0, message: { role: 'assistant', content: 'A constructor builds.' }, finish_reason: 'stop' }], usage }) },
  'wrong types': { status: 200, body: JSON.stringify({ ...base, choices: [{ index: 0, message: { role: 'assistant', content: 'x', tool_calls: [{ id: 'c', function: { name: 'weather', arguments: { city: 'Paris' } } }] }, finish_reason: 'stop' }] }) },
  'no choices': { status: 200, body: JSON.stringify({ ...base, choices: [] }) },
  'error body': { status: 200, body: JSON.stringify({ error: { message: 'model overloaded', type: 'server_error' } }) },
  'not JSON': { status: 200, body: 'upstream said no' },
  'status 400': { status: 400, body: JSON.stringify({ error: { message: 'bad request: messages is required', type: 'invalid_request_error', code: 'bad_request' } }) },
  'status 500': { status: 500, body: 'Internal Server Error' },
};

let server: LocalServer;
beforeAll(async () => {
  server = await startLocalServer((request, response) => {
    const answer = ANSWERS[String(request.headers['x-answer'])] ?? { status: 404, body: 'no such answer' };
    response.writeHead(answer.status, { 'content-type': 'application/json', 'x-request-id': 'req-1' });
    response.end(answer.body);
  });
});
afterAll(() => server.close());

const provider = () => createOpenAICompatible({ name: 'workers-ai', baseURL: `${server.url}/v1`, headers: { authorization: 'Bearer cf-token' }, includeUsage: true, supportsStructuredOutputs: true });
const official = () => provider().chatModel(LLAMA);
const lean = () => workersAiChatModel(provider().chatModel(LLAMA), OpenAICompatibleChatLanguageModel) as LanguageModel;

type Outcome = { ok: true; result: Record<string, unknown> } | { ok: false; error: Record<string, unknown> };

/** One generateText call, reduced to what the AI SDK gives the app (the date header left out: it changes). */
async function outcome(model: LanguageModel, answer: string, extra: Partial<Parameters<typeof generateText>[0]> = {}): Promise<Outcome> {
  try {
    const r = await generateText({ model, prompt: 'Hello', maxRetries: 0, headers: { 'x-answer': answer }, ...extra } as Parameters<typeof generateText>[0]);
    const { date: _, ...headers } = r.response.headers ?? {};
    return {
      ok: true,
      result: {
        text: r.text,
        content: r.content,
        reasoningText: r.reasoningText,
        toolCalls: r.toolCalls,
        finishReason: r.finishReason,
        rawFinishReason: r.rawFinishReason,
        usage: r.usage,
        providerMetadata: r.providerMetadata,
        warnings: r.warnings,
        request: r.request.body,
        // An answer without an id gets a random one from the AI SDK.
        response: { id: r.response.id.startsWith('aitxt-') ? 'generated by the AI SDK' : r.response.id, modelId: r.response.modelId, timestamp: r.response.timestamp, headers, body: r.response.body },
        output: extra.output ? r.output : undefined,
      },
    };
  } catch (error) {
    const e = error as Record<string, unknown> & Error;
    const { date: _, ...headers } = (e.responseHeaders as Record<string, string> | undefined) ?? {};
    return { ok: false, error: { name: e.name, message: e.message, statusCode: e.statusCode, isRetryable: e.isRetryable, responseBody: e.responseBody, responseHeaders: headers, data: e.data } };
  }
}

describe('the Workers AI chat model of @cf ids', () => {
  it('reads the usual answer itself and leaves every other answer to the package', () => {
    for (const name of ['text', 'reasoning', 'tools', 'structured', 'refusal', 'no usage, no id']) expect(usualAnswer(ANSWERS[name]!.body), name).toBeDefined();
    for (const name of ['content parts', 'odd refusal', 'mentions constructor', 'wrong types', 'no choices', 'error body', 'not JSON']) expect(usualAnswer(ANSWERS[name]!.body), name).toBeUndefined();
  });

  for (const name of Object.keys(ANSWERS)) {
    it(`gives what the official chat model gives: ${name}`, async () => {
      const extra =
        name === 'tools'
          ? { tools: { weather: { description: 'weather', inputSchema: jsonSchema<{ city: string }>({ type: 'object', properties: { city: { type: 'string' } }, required: ['city'] }) } } }
          : name === 'structured'
            ? { output: Output.object({ schema: jsonSchema<{ city: string; days: number }>({ type: 'object', properties: { city: { type: 'string' }, days: { type: 'number' } }, required: ['city', 'days'] }) }) }
            : {};
      const before = server.requests.length;
      const expected = await outcome(official(), name, extra);
      const actual = await outcome(lean(), name, extra);
      expect(actual).toEqual(expected);
      if (name === 'text') expect(expected).toMatchObject({ ok: true, result: { text: 'Hello there.' } });
      if (name === 'status 400') expect(expected).toMatchObject({ ok: false, error: { statusCode: 400 } });

      // The same request: URL, body and headers (the User-Agent without the token of provider-utils, which the lean reader does not use).
      const [sentByOfficial, sentByLean] = server.requests.slice(before);
      expect(sentByLean!.url).toBe(sentByOfficial!.url);
      expect(sentByLean!.body).toBe(sentByOfficial!.body);
      const { 'user-agent': officialAgent, ...officialHeaders } = sentByOfficial!.headers;
      const { 'user-agent': leanAgent, ...leanHeaders } = sentByLean!.headers;
      expect(leanHeaders).toEqual(officialHeaders);
      expect(leanAgent).toBe(String(officialAgent).replace(/ ai-sdk-provider-utils\/\S+/, ''));
    });
  }

  it('sends through a fetch failure as the package does', async () => {
    const dead = await startLocalServer(() => undefined);
    const url = dead.url;
    await dead.close();
    const at = (model: 'official' | 'lean') => {
      const p = createOpenAICompatible({ name: 'workers-ai', baseURL: `${url}/v1`, includeUsage: true });
      return model === 'official' ? p.chatModel(LLAMA) : (workersAiChatModel(p.chatModel(LLAMA), OpenAICompatibleChatLanguageModel) as LanguageModel);
    };
    const expected = await outcome(at('official'), 'text');
    expect(expected.ok).toBe(false);
    expect(await outcome(at('lean'), 'text')).toEqual(expected);
  });
});
