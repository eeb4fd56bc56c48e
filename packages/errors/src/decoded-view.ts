/** A text with its escapes decoded, and where each of its characters came from in the original. */
export interface DecodedView {
  readonly text: string;
  /** For each character of `text`: the index of its first character in the original. */
  readonly start: Int32Array;
  /** For each character of `text`: the index after its last character in the original. */
  readonly end: Int32Array;
}

/**
 * JSON escapes (`\u0073`, `\/`, `\"`, ...), percent-encoded ASCII (`%2F`, `%2f`) and HTML character
 * references (`&#115;`, `&#x73;`, `&amp;`, ...). A `\\` pair is one escape, so `\\u0073` is a
 * backslash and `u0073`, as a JSON parser reads it.
 */
const ESCAPE = /\\u([0-9a-fA-F]{4})|\\(["\\/bfnrt])|%([0-7][0-9a-fA-F])|&#(?:[xX]([0-9a-fA-F]{1,6})|(\d{1,7}));|&(quot|amp|lt|gt|apos);/g;
const MAY_ESCAPE = /[\\%&]/;
const SIMPLE: Readonly<Record<string, string>> = { b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', quot: '"', amp: '&', lt: '<', gt: '>', apos: "'" };

/** At most this many layers of escapes are decoded (JSON in a JSON string in a URL, ...). */
const MAX_LAYERS = 3;

function decodeOnce(text: string): DecodedView | undefined {
  let out = '';
  const start = new Int32Array(text.length);
  const end = new Int32Array(text.length);
  let n = 0;
  let last = 0;
  let changed = false;
  ESCAPE.lastIndex = 0;
  for (let match = ESCAPE.exec(text); match !== null; match = ESCAPE.exec(text)) {
    const [whole, unit, single, percent, hex, decimal, entity] = match;
    let char: string;
    if (unit !== undefined) char = String.fromCharCode(parseInt(unit, 16));
    else if (single !== undefined) char = SIMPLE[single] ?? single;
    else if (percent !== undefined) char = String.fromCharCode(parseInt(percent, 16));
    else if (entity !== undefined) char = SIMPLE[entity]!;
    else {
      const code = parseInt(hex ?? decimal!, hex === undefined ? 10 : 16);
      if (code > 0x10ffff) continue;
      char = String.fromCodePoint(code);
    }
    for (let i = last; i < match.index; i++, n++) {
      start[n] = i;
      end[n] = i + 1;
    }
    out += text.slice(last, match.index);
    // A code point above U+FFFF is two UTF-16 units, both from the whole reference.
    for (let k = 0; k < char.length; k++, n++) {
      start[n] = match.index;
      end[n] = match.index + whole.length;
    }
    out += char;
    last = match.index + whole.length;
    changed = true;
  }
  if (!changed) return undefined;
  for (let i = last; i < text.length; i++, n++) {
    start[n] = i;
    end[n] = i + 1;
  }
  out += text.slice(last);
  return { text: out, start: start.subarray(0, n), end: end.subarray(0, n) };
}

/**
 * The text with its escapes decoded, layer after layer, each character mapped back to the part of
 * the original it came from; undefined when the text holds no escape. A secret found in the view is
 * found, escaped in whole or in part, in the original.
 */
export function decodedView(text: string): DecodedView | undefined {
  if (!MAY_ESCAPE.test(text)) return undefined;
  let view = decodeOnce(text);
  if (view === undefined) return undefined;
  for (let layer = 1; layer < MAX_LAYERS && MAY_ESCAPE.test(view.text); layer++) {
    const next = decodeOnce(view.text);
    if (next === undefined) break;
    const start = new Int32Array(next.text.length);
    const end = new Int32Array(next.text.length);
    for (let i = 0; i < next.text.length; i++) {
      start[i] = view.start[next.start[i]!]!;
      end[i] = view.end[next.end[i]! - 1]!;
    }
    view = { text: next.text, start, end };
  }
  return view;
}
