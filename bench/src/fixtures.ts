// Constants shared by the stub server and the client side of the benchmark.

export const MODEL_ID = 'gpt-4o-mini';
export const COMPLETION_TEXT = 'Hello from the bench stub.';
/** A step whose headers carry this header fails inside the stub gateway (fallback rows). */
export const FAIL_HEADER = 'x-bench-fail';
export const STREAM_CHUNKS = 1000;
export const ACCOUNT_ID = 'bench-account';
export const GATEWAY_ID = 'bench-gateway';
export const OPENAI_KEY = 'sk-bench-0000';
export const GATEWAY_TOKEN = 'cf-bench-token';

/** The text of the stream's chunk `i`. */
export const streamText = (i: number) => `t${i} `;

/** The whole text a streamed call should return. */
export const STREAM_TEXT = Array.from({ length: STREAM_CHUNKS }, (_, i) => streamText(i)).join('');
