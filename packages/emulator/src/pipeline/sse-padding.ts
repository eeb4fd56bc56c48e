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
