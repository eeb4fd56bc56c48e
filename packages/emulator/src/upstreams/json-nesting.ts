/**
 * The deepest nesting of arrays and objects a JSON request body may have. Deeper bodies are
 * refused before they are parsed: re-serialising or walking them would overflow the stack.
 */
export const MAX_JSON_NESTING = 512;

/** The message of a refused body. */
export const TOO_DEEP_MESSAGE = `The request body is nested more than ${MAX_JSON_NESTING} levels deep`;

/** True when JSON text nests arrays and objects deeper than `max` (strings respected; stops early). */
export function jsonNestsDeeper(text: string, max = MAX_JSON_NESTING): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++;
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      if (++depth > max) return true;
    } else if (c === 0x5d || c === 0x7d) depth--;
  }
  return false;
}
