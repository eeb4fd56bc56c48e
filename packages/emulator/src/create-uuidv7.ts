import { randomBytes } from 'node:crypto';

/**
 * A UUIDv7 (RFC 9562), lower-case: a 48-bit millisecond time, the version and variant bits, and
 * 74 random bits. Sorts by time, like the ULIDs the gateway used before.
 */
export function createUuidV7(options: { now: number }): string {
  const bytes = randomBytes(16);
  let time = Math.max(0, Math.floor(options.now));
  for (let i = 5; i >= 0; i--) {
    bytes[i] = time % 256;
    time = Math.floor(time / 256);
  }
  bytes[6] = 0x70 | ((bytes[6] ?? 0) & 0x0f);
  bytes[8] = 0x80 | ((bytes[8] ?? 0) & 0x3f);
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
