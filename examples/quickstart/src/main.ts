// The keyless tour of ai-gateway-provider: every call goes through AI Gateway.
// Without Cloudflare settings it starts a local gateway emulator; with CLOUDFLARE_ACCOUNT_ID and
// CLOUDFLARE_AI_GATEWAY_ID it talks to your real gateway. Run: pnpm --filter @aigw/example-quickstart start
import { randomUUID } from 'node:crypto';
import {
  embed,
  experimental_getBatchResults as getBatchResults,
  experimental_generateVideo as generateVideo,
  experimental_getBatchStatus as getBatchStatus,
  experimental_startBatch as startBatch,
  generateText,
  streamText,
} from 'ai';
import { AiGatewayDoesNotExist, createAiGateway, gatewayMetadata, type AiGatewayVideoMetadata } from 'ai-gateway-provider';
import { createAnthropic } from 'ai-gateway-provider/providers/anthropic';
import { createGoogleGenerativeAI } from 'ai-gateway-provider/providers/google';
import { createOpenAI } from 'ai-gateway-provider/providers/openai';
import { openDemoGateway } from './gateway.ts';
import { fact, gatewayLine, heading, note, success, title, token } from './print.ts';

// The official providers, wrapped so the API key is optional: without one the gateway uses the key
// stored in it (BYOK). The emulator's gateway stores keys, so the demo needs none.
const openai = createOpenAI({ apiKey: process.env.OPENAI_API_KEY });
const anthropic = createAnthropic({ apiKey: process.env.ANTHROPIC_API_KEY });
const google = createGoogleGenerativeAI({ apiKey: process.env.GOOGLE_GENERATIVE_AI_API_KEY });

const gateway = await openDemoGateway(process.env);
try {
  title('ai-gateway-provider quickstart');
  fact('gateway', gateway.description);

  const aigateway = createAiGateway(gateway.settings);

  heading({ title: 'generateText', about: 'One call through the gateway; the answer carries the gateway metadata in providerMetadata.aigateway.' });
  const prompt = 'Hello from the quickstart';
  const generated = await generateText({ model: aigateway(openai.chat('gpt-5-mini')), prompt });
  fact('prompt', prompt);
  fact('text', generated.text);
  fact('gateway', gatewayLine(gatewayMetadata(generated)));

  heading({ title: 'streamText', about: 'Tokens are printed as they arrive; the gateway passes the stream through without buffering it.' });
  const streamed = streamText({ model: aigateway(anthropic('claude-sonnet-4-5')), prompt: 'stream these words one by one' });
  let chunks = 0;
  process.stdout.write(`  ${'tokens'.padEnd(11)} `);
  for await (const delta of streamed.textStream) {
    chunks += 1;
    token(chunks === 1 ? delta : `|${delta}`);
  }
  process.stdout.write('\n');
  fact('chunks', String(chunks));
  fact('text', await streamed.text);
  fact('gateway', gatewayLine(gatewayMetadata({ providerMetadata: await streamed.providerMetadata })));

  heading({ title: 'Fallback', about: 'Two models in one request: the gateway tries them in order and the first one that answers wins.' });
  let failingFirst;
  if (gateway.kind === 'emulator') {
    // A fault-injection header on the first model's provider: the emulator makes its upstream answer 503.
    failingFirst = createOpenAI({ apiKey: process.env.OPENAI_API_KEY, headers: { 'x-emulator-fault': JSON.stringify({ status: 503 }) } }).chat('gpt-5-mini');
    note('The first model (openai gpt-5-mini) gets an emulated upstream failure (HTTP 503).');
  } else {
    // No fault injection on the real gateway: a model id that does not exist fails the first leg.
    failingFirst = openai.chat('quickstart-no-such-model');
    note('The first model is an OpenAI model id that does not exist, so OpenAI refuses it.');
  }
  note('The second model (anthropic claude-sonnet-4-5) answers.');
  const fallback = await generateText({ model: aigateway([failingFirst, anthropic('claude-sonnet-4-5')]), prompt: 'Who answered?' });
  const winner = gatewayMetadata(fallback);
  fact('text', fallback.text);
  fact('answered', `by step ${winner?.step} (provider ${winner?.provider}, model ${winner?.modelId})`);
  fact('gateway', gatewayLine(winner));

  heading({ title: 'Caching', about: 'The same request twice: the gateway answers the second one from its cache.' });
  // A cache key of this run, so the first call is a MISS even if you ran the demo a minute ago.
  const cacheOptions = { aigateway: { cacheTtl: 300, cacheKey: `quickstart-${randomUUID()}` } };
  for (const attempt of ['1st call', '2nd call']) {
    const cached = await generateText({ model: aigateway(openai.chat('gpt-5-mini')), prompt: 'Cache this answer', providerOptions: cacheOptions });
    fact(attempt, `cache ${gatewayMetadata(cached)?.cacheStatus ?? '-'} · ${cached.text}`);
  }

  heading({ title: 'Embedding', about: 'embed() through the gateway: the vector comes back parsed by the OpenAI provider itself.' });
  const embedded = await embed({ model: aigateway.embeddingModel(openai.embedding('text-embedding-3-small')), value: 'sunny day at the beach' });
  fact('embedding', `length ${embedded.embedding.length} · [${embedded.embedding.slice(0, 3).map((v) => v.toFixed(4)).join(', ')}, …]`);
  fact('gateway', gatewayLine(gatewayMetadata(embedded)));

  heading({ title: 'Workers AI', about: 'Model ids instead of model objects: a Workers AI model, a catalog model, and both in one fallback list.' });
  if (gateway.kind === 'cloudflare' && !process.env.CLOUDFLARE_API_TOKEN) {
    note('Skipped: set CLOUDFLARE_API_TOKEN (a token with Workers AI permission) to run Workers AI models over HTTP.');
  } else {
    const llama = '@cf/meta/llama-3.1-8b-instruct';
    const workersAi = await generateText({ model: aigateway(llama), prompt: 'Hello Workers AI' });
    fact('text', workersAi.text);
    fact('gateway', gatewayLine(gatewayMetadata(workersAi)));
    const catalog = await generateText({ model: aigateway('openai/gpt-5-mini'), prompt: 'Hello catalog' });
    fact('catalog', `${catalog.text} · ${gatewayLine(gatewayMetadata(catalog))}`);
    let failingAnthropic;
    if (gateway.kind === 'emulator') {
      failingAnthropic = createAnthropic({ apiKey: process.env.ANTHROPIC_API_KEY, headers: { 'x-emulator-fault': JSON.stringify({ status: 503 }) } })('claude-sonnet-4-5');
    } else {
      failingAnthropic = anthropic('quickstart-no-such-model');
    }
    const mixed = await generateText({ model: aigateway([failingAnthropic, llama]), prompt: 'Mixed fallback' });
    const mixedWinner = gatewayMetadata(mixed);
    fact('fallback', `${mixed.text} · answered by step ${mixedWinner?.step} (${mixedWinner?.modelId})`);
  }

  heading({ title: 'Batch', about: 'experimental_startBatch with Workers AI ids: queued on Workers AI, polled through the gateway, each result under its own id.' });
  if (gateway.kind === 'cloudflare' && !process.env.CLOUDFLARE_API_TOKEN) {
    note('Skipped: set CLOUDFLARE_API_TOKEN (a token with Workers AI permission) to run a Workers AI batch over HTTP.');
  } else {
    const llama = '@cf/meta/llama-3.1-8b-instruct';
    const batch = await startBatch({
      provider: aigateway,
      requests: [
        { id: 'greeting', type: 'text', model: llama, prompt: 'Say hello' },
        { id: 'farewell', type: 'text', model: llama, prompt: 'Say goodbye' },
      ],
    });
    fact('started', `${batch.id} · ${batch.rawStatus ?? batch.status}`);
    // Each status read goes through the gateway; a real batch may take minutes, so the demo stops waiting after a while.
    let status = await getBatchStatus({ provider: aigateway, batch });
    for (let poll = 1; status.status === 'pending' && poll < (gateway.kind === 'emulator' ? 10 : 30); poll++) {
      if (gateway.kind === 'cloudflare') await new Promise((resolve) => setTimeout(resolve, 2000));
      status = await getBatchStatus({ provider: aigateway, batch });
    }
    fact('status', `${status.status} (${status.rawStatus ?? '-'})`);
    if (status.status === 'completed') {
      for await (const item of getBatchResults({ provider: aigateway, batch })) {
        fact(item.id, item.status === 'succeeded' && item.type === 'text' ? item.text : item.status);
      }
    } else {
      note(`Still ${status.status}: ask again later with getBatchStatus({ provider: aigateway, batch: { version: 2, provider: '${batch.provider}', id: '${batch.id}' } }).`);
    }
  }

  heading({ title: 'Video', about: 'experimental_generateVideo with Veo: the start, each status poll and the video download all go through the gateway.' });
  if (gateway.kind === 'cloudflare') {
    note('Skipped against your gateway: Veo bills every second of video. The code is the same as against the emulator.');
  } else {
    const veo = aigateway.videoModel(google.video('veo-3.0-generate-001'));
    const { video, providerMetadata } = await generateVideo({ model: veo, prompt: 'A paper boat on a pond', poll: { intervalMs: 100 } });
    const requests = providerMetadata.aigateway as unknown as AiGatewayVideoMetadata;
    fact('video', `${video.mediaType}, ${video.uint8Array.length} bytes`);
    fact('logs', `start ${requests.startLogId} · last poll ${requests.logId} · download ${requests.videos?.[0]?.logId}`);
  }

  heading({ title: 'Typed errors', about: 'A gateway id that does not exist: the gateway error becomes a typed error you can check for.' });
  const missing = createAiGateway({ ...gateway.settings, gateway: 'no-such-gateway-quickstart' });
  try {
    await generateText({ model: missing(openai.chat('gpt-5-mini')), prompt: 'Is anybody there?', maxRetries: 0 });
    fact('error', 'none: the call unexpectedly succeeded');
    process.exitCode = 1;
  } catch (error) {
    if (!AiGatewayDoesNotExist.isInstance(error)) throw error;
    fact('class', error.constructor.name);
    fact('code', `${String(error.code)} (HTTP ${error.statusCode}), retryable: ${String(error.isRetryable)}`);
    fact('message', error.message);
  }

  success(gateway.kind === 'emulator' ? 'Done. Closing the emulator.' : 'Done.');
} finally {
  await gateway.close();
}
