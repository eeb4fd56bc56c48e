/**
 * The marker `APICallError.isInstance` from `@ai-sdk/provider` looks for (set by `markError`). The AI
 * SDK's `maxRetries` re-sends a failed call only when `APICallError.isInstance(error) && error.isRetryable`,
 * so the errors of a gateway call carry it (with `url`, `isRetryable`, `statusCode`, `responseHeaders`,
 * `responseBody`, as `APICallError` has them). Declared for the types only: nothing is built at import.
 */
export declare const apiCallErrorSymbol: unique symbol;
