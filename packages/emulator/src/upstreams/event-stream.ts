/**
 * The AWS event-stream binary framing used by Bedrock's streaming operations (a 12-byte prelude with
 * its CRC-32, headers, the payload and a message CRC-32), encoded and decoded by Smithy's codec,
 * the one the AWS SDKs use (`@smithy/core/event-streams`).
 */
import { EventStreamCodec } from '@smithy/core/event-streams';
import { utf8 } from './binary.js';

const decoder = new TextDecoder();
const codec = new EventStreamCodec((bytes: Uint8Array) => decoder.decode(bytes), utf8);

/** Encodes one event-stream message with string-valued headers. */
export function encodeEventStreamMessage(headers: Record<string, string>, payload: Uint8Array): Uint8Array {
  return codec.encode({
    headers: Object.fromEntries(Object.entries(headers).map(([name, value]) => [name, { type: 'string', value }])),
    body: payload,
  });
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

/** Decodes a buffer of concatenated event-stream messages, checking both CRCs (an error names a bad one). String headers only. */
export function decodeEventStream(bytes: Uint8Array): EventStreamMessage[] {
  const messages: EventStreamMessage[] = [];
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let offset = 0;
  while (offset + 16 <= bytes.length) {
    const total = view.getUint32(offset, false);
    const message = codec.decode(bytes.subarray(offset, offset + total));
    const headers: Record<string, string> = {};
    for (const [name, header] of Object.entries(message.headers)) headers[name] = String(header.value);
    messages.push({ headers, payload: message.body.slice() });
    offset += total;
  }
  return messages;
}
