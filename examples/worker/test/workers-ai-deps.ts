// What test/workers-ai.test.ts and test/video.test.ts run inside workerd, bundled into one module by
// vitest.config.ts (loading these packages module by module through Vite costs workerd many seconds
// of start-up).
export { createAnthropic } from '@ai-sdk/anthropic';
export { createGoogleGenerativeAI } from '@ai-sdk/google';
export { createOpenAI } from '@ai-sdk/openai';
export { emulatorAi, emulatorBinding } from '@aigw/emulator/binding';
export {
  createProviderRegistry,
  embed,
  experimental_generateVideo,
  experimental_getBatchResults,
  experimental_getBatchStatus,
  experimental_getVideoStatus,
  experimental_listBatches,
  experimental_startBatch,
  experimental_startVideo,
  generateImage,
  generateSpeech,
  generateText,
  rerank,
  streamText,
  transcribe,
} from 'ai';
export { AiGatewayBatchError, AiGatewayOperationError, AiGatewayStreamResumeError, createAiGateway } from 'ai-gateway-provider';
export { createWorkersAI } from 'workers-ai-provider';
