import * as zlib from 'node:zlib';

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** UTF-8 bytes of a string. */
export function utf8(text: string): Uint8Array {
  return encoder.encode(text);
}

/** Lenient UTF-8 decoding (invalid sequences become U+FFFD). */
export function fromUtf8(bytes: Uint8Array): string {
  return decoder.decode(bytes);
}

/** Concatenates byte arrays. */
export function concatBytes(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

/** Standard base64 of bytes. */
export function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return btoa(binary);
}

let crcTable: Uint32Array | undefined;

/** CRC-32 computed byte by byte with a table: for Node 22.0 and 22.1, which lack `zlib.crc32`. */
export function tableCrc32(bytes: Uint8Array): number {
  if (crcTable === undefined) {
    crcTable = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      crcTable[n] = c >>> 0;
    }
  }
  let crc = 0xffffffff;
  for (const byte of bytes) crc = (crcTable[(crc ^ byte) & 0xff] ?? 0) ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

/** Node's own CRC-32 (`zlib.crc32`, Node 22.2 and later), when the runtime has it. */
const nativeCrc32 = (zlib as { crc32?: (data: Uint8Array) => number }).crc32;

/** CRC-32 (IEEE 802.3), as used by PNG chunks: `zlib.crc32`, or the table where the runtime lacks it. */
export function crc32(bytes: Uint8Array): number {
  return nativeCrc32 !== undefined ? nativeCrc32(bytes) : tableCrc32(bytes);
}

/** 32-bit FNV-1a hash of the UTF-8 bytes of `text` (or of raw bytes). */
export function fnv1a(input: string | Uint8Array): number {
  const bytes = typeof input === 'string' ? utf8(input) : input;
  let hash = 0x811c9dc5;
  for (const byte of bytes) {
    hash ^= byte;
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/** A short deterministic hex digest (16 hex digits) of a string or bytes. */
export function shortHash(input: string | Uint8Array): string {
  const bytes = typeof input === 'string' ? utf8(input) : input;
  const a = fnv1a(bytes);
  const b = fnv1a(concatBytes([utf8(String(a)), bytes]));
  return a.toString(16).padStart(8, '0') + b.toString(16).padStart(8, '0');
}
