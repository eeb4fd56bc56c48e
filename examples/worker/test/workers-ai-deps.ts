// What test/workers-ai.test.ts runs inside workerd, bundled into one module by vitest.config.ts
// (loading these packages module by module through Vite costs workerd many seconds of start-up).
export { createAnthropic } from '@ai-sdk/anthropic';
export { createOpenAI } from '@ai-sdk/openai';
export { emulatorAi } from '@aigw/emulator/binding';
export {
  createProviderRegistry,
  embed,
  experimental_getBatchResults,
  experimental_getBatchStatus,
  experimental_listBatches,
  experimental_startBatch,
  generateImage,
  generateSpeech,
  generateText,
  rerank,
  streamText,
  transcribe,
} from 'ai';
export { AiGatewayBatchError, AiGatewayStreamResumeError, createAiGateway } from 'ai-gateway-provider';
export { createWorkersAI } from 'workers-ai-provider';
