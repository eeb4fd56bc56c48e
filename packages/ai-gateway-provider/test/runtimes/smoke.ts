// Run by Bun and Deno (test/runtimes.test.ts): the built facade against an emulator started by the test.
import { createGoogleGenerativeAI } from '@ai-sdk/google';
import { createOpenAI } from '@ai-sdk/openai';
import { experimental_generateVideo as generateVideo, generateText, streamText } from 'ai';
import { createAiGateway, gatewayMetadata } from '../../dist/index.js';

const env = (name: string): string => {
  const value = (globalThis as { process?: { env: Record<string, string | undefined> } }).process?.env[name];
  if (value === undefined) throw new Error(`${name} is not set`);
  return value;
};

const aigateway = createAiGateway({
  accountId: env('AIGW_ACCOUNT_ID'),
  gateway: 'emulator-gateway',
  apiKey: env('AIGW_TOKEN'),
  baseURL: env('AIGW_BASE_URL'),
});
const openai = createOpenAI({ apiKey: 'sk-runtime' });
const runtime = env('AIGW_RUNTIME');

const generated = await generateText({ model: aigateway(openai.chat('gpt-5-mini')), prompt: `from ${runtime}` });
console.log(`text: ${generated.text}`);
console.log(`step: ${gatewayMetadata(generated)?.step}`);
const streamed = streamText({ model: aigateway(openai.chat('gpt-5-mini')), prompt: `stream from ${runtime}` });
let chunks = 0;
for await (const _ of streamed.textStream) chunks += 1;
console.log(`stream: ${await streamed.text} (${chunks} chunks)`);
const veo = createGoogleGenerativeAI({ apiKey: 'g-runtime' }).video('veo-3.0-generate-001');
const video = await generateVideo({ model: aigateway.videoModel(veo), prompt: `video from ${runtime}`, poll: { intervalMs: 1 } });
console.log(`video: ${video.video.mediaType} ${video.video.uint8Array.length} bytes, start log ${String((video.providerMetadata.aigateway as { startLogId?: string }).startLogId)}`);
