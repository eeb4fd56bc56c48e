// Model ids through Cloudflare's REST API (`/client/v4/accounts/{account}/ai/...`), for a user with a
// Cloudflare API token and no gateway token: `createRestTransport` sends them with the token and
// `cf-aig-gateway-id`, and the emulator runs and logs them as calls of that gateway.
import { createAnthropic } from '@ai-sdk/anthropic';
import { AiGatewayInvalidOptionsError } from '@aigw/errors';
import { createRestTransport, type RestTransportSettings } from '@aigw/transport-http';
import { echoText, embeddingFor, imagePngFor } from '@aigw/emulator';
import { embed, generateImage, generateText, streamText } from 'ai';
import { describe, expect, it } from 'vitest';
import { createAiGateway, gatewayMetadata } from '../src';
import { useEmulator } from './helpers';

const t = useEmulator({ gateways: { 'rest-gateway': { authentication: true, byok: { openai: 'stored' } } } });
const LLAMA = '@cf/meta/llama-3.1-8b-instruct';
const apiBaseURL = () => `${t.emulator.baseURL.replace(/\/v1$/, '')}/client/v4`;
const rest = (settings: Partial<RestTransportSettings> = {}) =>
  createAiGateway({ transport: createRestTransport({ accountId: t.emulator.accountId, gateway: 'rest-gateway', cloudflareApiToken: t.emulator.token, apiBaseURL: apiBaseURL(), ...settings }) });

describe('model ids on the REST API', () => {
  it('generates text with a @cf id on ai/v1/chat/completions, logged as a call of the gateway named by cf-aig-gateway-id', async () => {
    const result = await generateText({ model: rest()(LLAMA), prompt: 'Hello REST', providerOptions: { aigateway: { metadata: { user: 'u1' } } } });
    expect(result.text).toBe(echoText('Hello REST'));
    const call = t.emulator.calls.at(-1)!;
    expect(call).toMatchObject({ gateway: 'rest-gateway', path: `/client/v4/accounts/${t.emulator.accountId}/ai/v1/chat/completions`, status: 200 });
    expect(call.attempts[0]).toMatchObject({ provider: 'workers-ai', endpoint: 'v1/chat/completions' });
    expect(call.requestHeaders['cf-aig-gateway-id']).toBe('rest-gateway');
    expect(call.requestHeaders.authorization).toBe('[REDACTED]');
    expect(call.requestHeaders['cf-aig-authorization']).toBeUndefined();
    expect(call.requestHeaders['cf-aig-metadata']).toBe(JSON.stringify({ user: 'u1' }));
    expect(gatewayMetadata(result)).toMatchObject({ logId: call.logId, provider: 'workers-ai', modelId: LLAMA });
  });

  it('streams a @cf id and a catalog id as they arrive', async () => {
    for (const id of [LLAMA, 'openai/gpt-5-mini']) {
      const result = streamText({ model: rest()(id), prompt: 'one two three four five' });
      const deltas: string[] = [];
      for await (const delta of result.textStream) deltas.push(delta);
      expect(deltas.length, id).toBeGreaterThan(2);
      expect(deltas.join(''), id).toBe(echoText('one two three four five'));
      expect(t.emulator.calls.at(-1)).toMatchObject({ gateway: 'rest-gateway', path: `/client/v4/accounts/${t.emulator.accountId}/ai/v1/chat/completions` });
    }
  });

  it('generates text with a catalog id, which the gateway answers with its stored key', async () => {
    const result = await generateText({ model: rest()('openai/gpt-5-mini'), prompt: 'Hello catalog' });
    expect(result.text).toBe(echoText('Hello catalog'));
    const call = t.emulator.calls.at(-1)!;
    expect(call).toMatchObject({ gateway: 'rest-gateway', kind: 'compat', status: 200 });
    expect(call.attempts[0]).toMatchObject({ byok: true });
  });

  it('embeds with a @cf id (ai/v1/embeddings) and makes an image with one (ai/run/@cf/...)', async () => {
    const { embedding } = await embed({ model: rest().embeddingModel('@cf/baai/bge-base-en-v1.5'), value: 'sunny day' });
    expect(embedding).toHaveLength(embeddingFor('sunny day').length);
    expect(t.emulator.calls.at(-1)!.path).toBe(`/client/v4/accounts/${t.emulator.accountId}/ai/v1/embeddings`);
    const { image } = await generateImage({ model: rest().imageModel('@cf/black-forest-labs/flux-1-schnell'), prompt: 'a red square' });
    expect(image.uint8Array).toEqual(imagePngFor('a red square'));
    expect(t.emulator.calls.at(-1)).toMatchObject({ gateway: 'rest-gateway', path: `/client/v4/accounts/${t.emulator.accountId}/ai/run/@cf/black-forest-labs/flux-1-schnell` });
  });

  it('without cf-aig-gateway-id the account default gateway logs the call', async () => {
    await generateText({ model: rest({ gateway: undefined })(LLAMA), prompt: 'Hi' });
    expect(t.emulator.calls.at(-1)).toMatchObject({ gateway: 'default', status: 200 });
  });

  it('a wrong token is the REST API 401, with no token in the error', async () => {
    const error = await generateText({ model: rest({ cloudflareApiToken: 'wrong-token-123' })(LLAMA), prompt: 'Hi', maxRetries: 0 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    expect(String((error as Error).message)).not.toContain('wrong-token-123');
    expect(JSON.stringify(error)).not.toContain('wrong-token-123');
    expect(t.emulator.calls.at(-1)!.status).toBe(401);
  });

  it('refuses, before sending, a fallback list, a dynamic route, a model object and bad settings', async () => {
    const anthropic = createAnthropic({ apiKey: 'sk-ant-test' });
    const refused = async (model: Parameters<ReturnType<typeof rest>>[0]) => generateText({ model: rest()(model), prompt: 'Hi', maxRetries: 0 }).catch((e: unknown) => e);
    const list = await refused([LLAMA, 'openai/gpt-5-mini']);
    expect(list).toBeInstanceOf(AiGatewayInvalidOptionsError);
    expect((list as AiGatewayInvalidOptionsError).message).toContain('fallback list');
    expect(await refused('dynamic/support')).toBeInstanceOf(AiGatewayInvalidOptionsError);
    expect(await refused(anthropic('claude-sonnet-4-5'))).toBeInstanceOf(AiGatewayInvalidOptionsError);
    expect(t.emulator.calls).toHaveLength(0);

    // A run-route model id becomes part of the path only through pathSegment: a dot segment or a query is refused.
    const transport = createRestTransport({ accountId: t.emulator.accountId, cloudflareApiToken: t.emulator.token, apiBaseURL: apiBaseURL() });
    const step = (endpoint: string) => ({ mode: 'provider' as const, headers: {}, steps: [{ provider: 'workers-ai', endpoint, method: 'POST', headers: {}, body: '{}', json: true }] });
    await expect(transport.send(step('@cf/../../ai-gateway/gateways/x/logs'))).rejects.toThrow(AiGatewayInvalidOptionsError);
    await expect(transport.send(step('@cf/meta/x?debug=1'))).rejects.toThrow(AiGatewayInvalidOptionsError);
    await expect(transport.send({ ...step('v1/chat/completions'), steps: [{ ...step('x').steps[0]!, provider: 'openai', endpoint: 'chat/completions' }] })).rejects.toThrow(/REST API transport/);
    expect(t.emulator.calls).toHaveLength(0);

    const settings = { accountId: 'acct', cloudflareApiToken: 'cf-token-secret' };
    expect(() => createRestTransport({ ...settings, accountId: '../x' })).toThrow(AiGatewayInvalidOptionsError);
    expect(() => createRestTransport({ ...settings, gateway: 'a/b' })).toThrow(/gateway/);
    expect(() => createRestTransport({ ...settings, cloudflareApiToken: '' })).toThrow(/cloudflareApiToken/);
    expect(() => createRestTransport({ ...settings, cloudflareApiToken: 'has space' })).toThrow(AiGatewayInvalidOptionsError);
    expect(() => createRestTransport({ ...settings, cloudflareApiToken: 'has space' })).not.toThrow(/has space/);
    expect(() => createRestTransport({ ...settings, apiBaseURL: 'ftp://x' })).toThrow(/apiBaseURL/);
  });
});
