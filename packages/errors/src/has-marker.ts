/**
 * True when `error` carries the marker of the error class named `name` (from any copy of this
 * package): `Symbol.for('vercel.ai.error.<name>')` set to `true`, the check `AISDKError.hasMarker`
 * makes. Shared so each class's `isInstance` is one short call.
 */
export function hasMarker(error: unknown, name: string): boolean {
  return typeof error === 'object' && error !== null && (error as Record<symbol, unknown>)[Symbol.for(`vercel.ai.error.${name}`)] === true;
}
