/** A text with its escapes decoded, and where each of its characters came from in the original. */
export interface DecodedView {
  readonly text: string;
  /** The index in the original of the first character that character `index` of `text` came from. */
  start(index: number): number;
  /** The index in the original after the last character that character `index` of `text` came from. */
  end(index: number): number;
}

/**
 * Decoded: JSON escapes (`\u0073`, `\/`, `\"`, ...), percent-encoded ASCII (`%2F`, `%2f`) and HTML
 * character references (`&#115;`, `&#x73;`, `&amp;`, ...). A `\\` pair is one escape, so `\\u0073`
 * is a backslash and `u0073`, as a JSON parser reads it.
 */
const MAY_ESCAPE = /[\\%&]/;
const REFERENCE = /&(?:#(?:[xX]([0-9a-fA-F]{1,6})|(\d{1,7}))|(quot|amp|lt|gt|apos));/y;
const SIMPLE: Readonly<Record<string, string>> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', quot: '"', amp: '&', lt: '<', gt: '>', apos: "'" };
/** What may follow a decoded `\`, `%` or `&` to make another escape in the next layer. */
const STARTS_ESCAPE = /^(?:u|["\\/bfnrt]|[0-7][0-9a-fA-F]|#|quot|amp|lt|gt|apos)/;

/** At most this many layers of escapes are decoded (JSON in a JSON string in a URL, ...). */
const MAX_LAYERS = 3;

const BACKSLASH = 0x5c;
const PERCENT = 0x25;

/** The value of a hex digit, or -1. */
function hexDigit(code: number): number {
  if (code >= 0x30 && code <= 0x39) return code - 0x30;
  const lower = code | 0x20;
  return lower >= 0x61 && lower <= 0x66 ? lower - 0x61 + 10 : -1;
}

/** The escape at `at`: its decoded text and its length in `text`, or undefined. */
function escapeAt(text: string, at: number, code: number): [string, number] | undefined {
  if (code === BACKSLASH) {
    const next = text[at + 1];
    if (next === 'u') {
      let unit = 0;
      for (let k = 2; k < 6; k++) {
        const digit = hexDigit(text.charCodeAt(at + k));
        if (digit < 0) return undefined;
        unit = unit * 16 + digit;
      }
      return [String.fromCharCode(unit), 6];
    }
    const simple = next === undefined ? undefined : SIMPLE[next];
    return simple === undefined ? undefined : [simple, 2];
  }
  if (code === PERCENT) {
    const high = hexDigit(text.charCodeAt(at + 1));
    const low = hexDigit(text.charCodeAt(at + 2));
    return high >= 0 && high < 8 && low >= 0 ? [String.fromCharCode(high * 16 + low), 3] : undefined;
  }
  REFERENCE.lastIndex = at;
  const match = REFERENCE.exec(text);
  if (match === null) return undefined;
  const [whole, hex, decimal, entity] = match;
  if (entity !== undefined) return [SIMPLE[entity]!, whole.length];
  const point = parseInt(hex ?? decimal!, hex === undefined ? 10 : 16);
  return point > 0x10ffff ? undefined : [String.fromCodePoint(point), whole.length];
}

/**
 * One layer decoded, as runs: run `k` starts at `at[k]` in the layer's text and at `from[k]` in its
 * source; it is `size[k]` characters of an escape, or (size 0) characters copied as they were.
 * `nested` when it made a new escape (`\\u0073` → `\u0073`, `%2541` → `%41`, `&amp;#115;` → `&#115;`).
 */
interface Layer {
  readonly text: string;
  readonly at: number[];
  readonly from: number[];
  readonly size: number[];
  readonly nested: boolean;
}

const CANDIDATE = /[\\%&]/g;

function decodeOnce(text: string): Layer | undefined {
  const parts: string[] = [];
  const at: number[] = [];
  const from: number[] = [];
  const size: number[] = [];
  let length = 0;
  let copied = 0;
  let nested = false;
  CANDIDATE.lastIndex = 0;
  for (let match = CANDIDATE.exec(text); match !== null; match = CANDIDATE.exec(text)) {
    const i = match.index;
    const escape = escapeAt(text, i, text.charCodeAt(i));
    if (escape === undefined) continue;
    const [char, width] = escape;
    if (i > copied) {
      at.push(length);
      from.push(copied);
      size.push(0);
      parts.push(text.slice(copied, i));
      length += i - copied;
    }
    at.push(length);
    from.push(i);
    size.push(width);
    parts.push(char);
    length += char.length;
    copied = i + width;
    CANDIDATE.lastIndex = copied;
    if (!nested && (char === '\\' || char === '%' || char === '&') && STARTS_ESCAPE.test(text.slice(copied, copied + 4))) nested = true;
  }
  if (size.length === 0) return undefined;
  at.push(length);
  from.push(copied);
  size.push(0);
  parts.push(text.slice(copied));
  return { text: parts.join(''), at, from, size, nested };
}

/** The run of `layer` that character `index` of its text belongs to. */
function runOf(layer: Layer, index: number): number {
  let low = 0;
  let high = layer.at.length - 1;
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    if (layer.at[middle]! <= index) low = middle;
    else high = middle - 1;
  }
  return low;
}

/** A view of one layer over `below` (the original text's positions when undefined). */
function viewOf(layer: Layer, below: DecodedView | undefined): DecodedView {
  const start = (index: number) => {
    const k = runOf(layer, index);
    return layer.size[k] === 0 ? layer.from[k]! + index - layer.at[k]! : layer.from[k]!;
  };
  const end = (index: number) => {
    const k = runOf(layer, index);
    return layer.size[k] === 0 ? layer.from[k]! + index - layer.at[k]! + 1 : layer.from[k]! + layer.size[k]!;
  };
  if (below === undefined) return { text: layer.text, start, end };
  return { text: layer.text, start: (index) => below.start(start(index)), end: (index) => below.end(end(index) - 1) };
}

/**
 * The text with its escapes decoded, layer after layer, each character mapped back to the part of
 * the original it came from; undefined when the text holds no escape. A secret found in the view is
 * found, escaped in whole or in part, in the original.
 */
export function decodedView(text: string): DecodedView | undefined {
  if (!MAY_ESCAPE.test(text)) return undefined;
  let layer = decodeOnce(text);
  if (layer === undefined) return undefined;
  let view = viewOf(layer, undefined);
  // A further layer only where this one made new escapes (a JSON text inside a JSON string).
  for (let count = 1; count < MAX_LAYERS && layer.nested; count++) {
    const next = decodeOnce(layer.text);
    if (next === undefined) break;
    layer = next;
    view = viewOf(layer, view);
  }
  return view;
}
