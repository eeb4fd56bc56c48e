const encoder = new TextEncoder();
const decoder = new TextDecoder();

/**
 * Adds the gateway's `"p"` padding field (`length` characters) to the JSON object of every `data:`
 * line of an SSE chunk, as the gateway may; lines that are not a JSON object (`[DONE]`, `event:`,
 * a part of an event) pass unchanged. Clients must ignore the field.
 */
export function padEvents(chunk: Uint8Array | string, length: number): Uint8Array {
  const text = typeof chunk === 'string' ? chunk : decoder.decode(chunk);
  const padding = 'p'.repeat(length);
  const padded = text.replace(/^data: ?(\{.*\})(\r?)$/gm, (line, json: string, cr: string) => {
    try {
      const parsed: unknown = JSON.parse(json);
      if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) return line;
      return `data: ${JSON.stringify({ ...parsed, p: padding })}${cr}`;
    } catch {
      return line;
    }
  });
  return encoder.encode(padded);
}

/** Pads the events of one stream, whatever its chunks: see {@link createEventPadder}. */
export interface EventPadder {
  /** The bytes ready: the stream up to the last line ending seen so far, padded. */
  push(chunk: Uint8Array | string): Uint8Array;
  /** What is left after the last line ending, padded, at the end of the stream. */
  end(): Uint8Array;
}

/**
 * Pads every `data:` line of one stream (see {@link padEvents}) line by line across its chunks: an
 * event that arrives in pieces (a custom provider's stream, as the network cuts it) is padded once,
 * whole. A line is complete at its line ending (LF, CRLF or CR alone); the rest waits for the next chunk.
 */
export function createEventPadder(length: number): EventPadder {
  const streamDecoder = new TextDecoder();
  let pending = '';
  return {
    push(chunk) {
      const text = pending + (typeof chunk === 'string' ? chunk : streamDecoder.decode(chunk, { stream: true }));
      const cut = Math.max(text.lastIndexOf('\n'), text.lastIndexOf('\r')) + 1;
      pending = text.slice(cut);
      return padEvents(text.slice(0, cut), length);
    },
    end() {
      const rest = pending + streamDecoder.decode();
      pending = '';
      return padEvents(rest, length);
    },
  };
}
