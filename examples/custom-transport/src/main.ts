// A transport of your own (src/signed-transport.ts) used two ways: by @aigw/core's sendGatewayCall
// directly, and by ai-gateway-provider's createAiGateway({ transport }).
// Run: pnpm --filter @aigw/example-custom-transport start
import { createOpenAI } from '@ai-sdk/openai';
import { sendGatewayCall } from '@aigw/core';
import { startEmulator } from '@aigw/emulator';
import { generateText, streamText } from 'ai';
import { createAiGateway, gatewayMetadata } from 'ai-gateway-provider';
import { createSignedTransport } from './signed-transport.ts';

const GATEWAY = 'internal';
const emulator = await startEmulator({ gateways: { [GATEWAY]: { authentication: true } } });
try {
  console.log('custom transport example');
  console.log(`  gateway      local emulator at ${emulator.gatewayURL(GATEWAY)}`);
  console.log('  transport    signed-http: an HMAC-SHA256 signature header on every request, one log line per send');

  const transport = createSignedTransport({
    baseURL: emulator.baseURL,
    accountId: emulator.accountId,
    gateway: GATEWAY,
    token: emulator.token,
    signingKey: 'example-signing-secret',
    log: (line) => console.log(`  [log] ${line}`),
  });
  // The emulator's simulated providers accept any key.
  const openai = createOpenAI({ apiKey: 'sk-example-openai' });

  console.log('\n1. @aigw/core: sendGatewayCall with the transport');
  // The model's own doGenerate result, parsed by the OpenAI provider from the gateway's answer.
  type GenerateResult = Awaited<ReturnType<ReturnType<typeof openai.chat>['doGenerate']>>;
  const call = await sendGatewayCall<GenerateResult>({
    legs: [{ model: openai.chat('gpt-5-mini') }],
    method: 'doGenerate',
    callOptions: { prompt: [{ role: 'user', content: [{ type: 'text', text: 'Signed by core' }] }] },
    transport,
  });
  const text = call.result.content.map((part) => (part.type === 'text' ? part.text : '')).join('');
  console.log(`  text         ${text}`);
  console.log(`  answered     step ${call.metadata.step} (${call.metadata.provider})`);

  console.log('\n2. ai-gateway-provider: createAiGateway({ transport }) with a fallback');
  const aigateway = createAiGateway({ transport });
  const failing = createOpenAI({ apiKey: 'sk-example-openai', headers: { 'x-emulator-fault': JSON.stringify({ status: 500 }) } });
  const generated = await generateText({ model: aigateway([failing.chat('gpt-5-mini'), openai.chat('gpt-5-nano')]), prompt: 'Signed by the facade' });
  const metadata = gatewayMetadata(generated);
  console.log(`  text         ${generated.text}`);
  console.log(`  answered     step ${metadata?.step} (${metadata?.provider} ${metadata?.modelId}), the first model failed`);

  console.log('\n3. ai-gateway-provider: streamText over the same transport');
  const streamed = streamText({ model: aigateway(openai.chat('gpt-5-mini')), prompt: 'streamed through my own transport' });
  let chunks = 0;
  for await (const delta of streamed.textStream) {
    chunks += 1;
    if (chunks === 1) process.stdout.write('  tokens       ');
    process.stdout.write(delta);
  }
  console.log(`\n  chunks       ${chunks}`);

  const signed = emulator.calls.filter((c) => typeof c.requestHeaders['x-aigw-signature'] === 'string').length;
  console.log(`\nThe gateway received ${signed} of ${emulator.calls.length} requests signed.`);
} finally {
  await emulator.close();
}
