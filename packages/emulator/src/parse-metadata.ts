/** A metadata value the gateway keeps. */
export type MetadataValue = string | number | boolean;

const MAX_ENTRIES = 5;

/**
 * Applies the gateway's `cf-aig-metadata` rules (docs/protocol.md#metadata): `cf.` keys are stripped, an
 * object or null value makes the whole metadata null, and only the first five entries are kept.
 * A value that is not a JSON object gives null as well. Undefined when the header is absent.
 */
export function parseMetadata(options: { header: string | undefined }): Record<string, MetadataValue> | null | undefined {
  if (options.header === undefined) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(options.header);
  } catch {
    return null;
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) return null;
  const entries = Object.entries(parsed as Record<string, unknown>).filter(([key]) => !key.startsWith('cf.'));
  const kept: Record<string, MetadataValue> = {};
  const scalar = (value: unknown) => typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';
  if (!entries.every(([, value]) => scalar(value))) return null;
  for (const [key, value] of entries.slice(0, MAX_ENTRIES)) kept[key] = value as MetadataValue;
  return kept;
}
