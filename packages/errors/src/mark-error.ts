/**
 * Gives an error its class's name and `Symbol.for('vercel.ai.error.<name>')` marker (what `isInstance`
 * checks), and with `apiCall` the marker of the AI SDK's `APICallError`, so its `maxRetries` applies.
 * Every class's constructor calls it once after `super`: the markers of the whole chain end on the
 * instance and the most derived class's name wins. Set at construction, never at import.
 */
export function markError(error: Error, name: string, apiCall?: boolean): void {
  const target = error as unknown as Record<symbol, boolean>;
  error.name = name;
  target[Symbol.for(`vercel.ai.error.${name}`)] = true;
  if (apiCall) target[Symbol.for('vercel.ai.error.AI_APICallError')] = true;
}
