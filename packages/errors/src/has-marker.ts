import { AISDKError } from '@ai-sdk/provider';

/** `AISDKError.hasMarker` is protected (meant for subclasses' `isInstance`); this module is their shared body. */
const base = AISDKError as unknown as { hasMarker(error: unknown, marker: string): boolean };

/**
 * True when `error` carries the marker of the error class named `name` (from any copy of this
 * package). Shared so each class's `isInstance` is one short call and `@ai-sdk/provider` is
 * imported once.
 */
export function hasMarker(error: unknown, name: string): boolean {
  return base.hasMarker(error, `vercel.ai.error.${name}`);
}
