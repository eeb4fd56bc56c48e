/**
 * The AWS event-stream binary framing used by Bedrock's streaming operations: a 12-byte prelude
 * (total length, headers length, prelude CRC-32), string headers, the payload, and a message CRC-32.
 */
import { concatBytes, crc32, utf8 } from './binary.js';

function u32(value: number): Uint8Array {
  const out = new Uint8Array(4);
  new DataView(out.buffer).setUint32(0, value >>> 0, false);
  return out;
}

/** Encodes one event-stream message with string-valued headers. */
export function encodeEventStreamMessage(headers: Record<string, string>, payload: Uint8Array): Uint8Array {
  const encodedHeaders = concatBytes(
    Object.entries(headers).map(([name, value]) => {
      const nameBytes = utf8(name);
      const valueBytes = utf8(value);
      const out = new Uint8Array(1 + nameBytes.length + 3 + valueBytes.length);
      out[0] = nameBytes.length;
      out.set(nameBytes, 1);
      out[1 + nameBytes.length] = 7;
      new DataView(out.buffer).setUint16(2 + nameBytes.length, valueBytes.length, false);
      out.set(valueBytes, 4 + nameBytes.length);
      return out;
    }),
  );
  const total = 12 + encodedHeaders.length + payload.length + 4;
  const prelude = concatBytes([u32(total), u32(encodedHeaders.length)]);
  const withoutCrc = concatBytes([prelude, u32(crc32(prelude)), encodedHeaders, payload]);
  return concatBytes([withoutCrc, u32(crc32(withoutCrc))]);
}

/** An event message (`:message-type` event) with a JSON payload. */
export function eventStreamEvent(eventType: string, payload: unknown): Uint8Array {
  return encodeEventStreamMessage(
    { ':event-type': eventType, ':content-type': 'application/json', ':message-type': 'event' },
    utf8(JSON.stringify(payload)),
  );
}

/** A decoded event-stream message. */
export interface EventStreamMessage {
  headers: Record<string, string>;
  payload: Uint8Array;
}

/** Decodes a buffer of concatenated event-stream messages, checking both CRCs. String headers only. */
export function decodeEventStream(bytes: Uint8Array): EventStreamMessage[] {
  const messages: EventStreamMessage[] = [];
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const decoder = new TextDecoder();
  let offset = 0;
  while (offset + 16 <= bytes.length) {
    const total = view.getUint32(offset, false);
    const headersLength = view.getUint32(offset + 4, false);
    if (view.getUint32(offset + 8, false) !== crc32(bytes.subarray(offset, offset + 8))) throw new Error('event-stream: bad prelude CRC');
    if (view.getUint32(offset + total - 4, false) !== crc32(bytes.subarray(offset, offset + total - 4))) throw new Error('event-stream: bad message CRC');
    const headers: Record<string, string> = {};
    let h = offset + 12;
    while (h < offset + 12 + headersLength) {
      const nameLength = bytes[h] ?? 0;
      const name = decoder.decode(bytes.subarray(h + 1, h + 1 + nameLength));
      const valueLength = view.getUint16(h + 2 + nameLength, false);
      headers[name] = decoder.decode(bytes.subarray(h + 4 + nameLength, h + 4 + nameLength + valueLength));
      h += 4 + nameLength + valueLength;
    }
    messages.push({ headers, payload: bytes.slice(offset + 12 + headersLength, offset + total - 4) });
    offset += total;
  }
  return messages;
}
