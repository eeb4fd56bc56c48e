/**
 * The marker `APICallError.isInstance` from `@ai-sdk/provider` looks for. The AI SDK's `maxRetries`
 * re-sends a failed call only when `APICallError.isInstance(error) && error.isRetryable`, so the
 * errors of a gateway call carry it (with `url`, `isRetryable`, `statusCode`, `responseHeaders`,
 * `responseBody`, as `APICallError` has them).
 */
export const apiCallErrorSymbol: unique symbol = Symbol.for('vercel.ai.error.AI_APICallError');
