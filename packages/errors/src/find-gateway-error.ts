import { AiGatewayError } from './ai-gateway-error';

/** How deep `findGatewayError` looks: AI SDK errors nest two or three levels, never dozens. */
const MAX_DEPTH = 8;

/**
 * The gateway's typed error inside any error the AI SDK throws, or undefined when there is none.
 * The AI SDK does not always throw ours as it is: a stream that drops after the answer began
 * surfaces as `AI_APICallError` "Failed to process successful response" with ours as its `cause`,
 * and a call its retries gave up on throws `RetryError`, whose `errors` (and `lastError`) hold the
 * failures. This looks at the error itself, then through its `cause`, `lastError` and `errors` (the
 * latest first), each in depth, and returns the first `AiGatewayError` (of any copy of this
 * package) it meets.
 *
 * ```ts
 * try {
 *   await generateText({ model, prompt });
 * } catch (error) {
 *   const gatewayError = findGatewayError(error);
 *   if (AiGatewayRateLimitError.isInstance(gatewayError)) ...
 * }
 * ```
 */
export function findGatewayError(error: unknown): AiGatewayError | undefined {
  return search(error, 0, new Set());
}

function search(candidate: unknown, depth: number, seen: Set<unknown>): AiGatewayError | undefined {
  if (typeof candidate !== 'object' || candidate === null || depth > MAX_DEPTH || seen.has(candidate)) return undefined;
  seen.add(candidate);
  if (AiGatewayError.isInstance(candidate)) return candidate;
  const { cause, lastError, errors } = candidate as { cause?: unknown; lastError?: unknown; errors?: unknown };
  // The latest failure first: the one a retry gave up on.
  const next = [cause, lastError, ...(Array.isArray(errors) ? [...(errors as unknown[])].reverse() : [])];
  for (const child of next) {
    const found = search(child, depth + 1, seen);
    if (found !== undefined) return found;
  }
  return undefined;
}
