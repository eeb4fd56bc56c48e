// What test/workers-ai.test.ts and test/video.test.ts run inside workerd, bundled into one module by
// vitest.config.ts (loading these packages module by module through Vite costs workerd many seconds
// of start-up).
export { createAnthropic } from '@ai-sdk/anthropic';
export { createGoogleGenerativeAI } from '@ai-sdk/google';
export { emulatorAi, emulatorBinding } from '@aigw/emulator/binding';
export {
  createProviderRegistry,
  embed,
  experimental_generateVideo,
  experimental_getVideoStatus,
  experimental_startVideo,
  generateImage,
  generateSpeech,
  generateText,
  rerank,
  streamText,
  transcribe,
} from 'ai';
export { AiGatewayOperationError, AiGatewayStreamResumeError, createAiGateway } from 'ai-gateway-provider';
export { createWorkersAI } from 'workers-ai-provider';
