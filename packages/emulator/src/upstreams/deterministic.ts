/**
 * The deterministic answers of the simulated providers. Tests import these helpers to compute the
 * answer they expect for an input.
 */
import { fnv1a, utf8 } from './binary.js';
import { UpstreamLimitError, type UpstreamLimits } from './limits.js';
import { UpstreamError } from './upstream-error.js';

/** The most embedding dimensions the emulator computes (real models stop at a few thousand). */
export const MAX_DIMENSIONS = 8192;

/** The `created` timestamp (seconds) stamped on every answer, so identical requests get identical bodies. */
export const FIXED_CREATED = 1_767_225_600;

/** The text reply for a last user message: `Echo: <text>`. */
export function echoText(input: string): string {
  return `Echo: ${input}`;
}

/** The text reply when the last message is a tool result: `Tool result: <content>`. */
export function toolResultText(content: string): string {
  return `Tool result: ${content}`;
}

/** Simulated token count of a text: one token per 4 UTF-8 bytes, at least 1. */
export function tokenCount(text: string): number {
  return Math.max(1, Math.ceil(utf8(text).length / 4));
}

/** The most deltas a reply is cut into by words: a longer text is cut into this many equal pieces. */
export const MAX_WORD_DELTAS = 10_000;

/**
 * How a reply text is cut into stream deltas.
 * - Without `chunks`: one delta per word, each word keeping the whitespace after it
 *   (`'Echo: hello world'` → `['Echo: ', 'hello ', 'world']`); an empty text gives no delta. A
 *   text of more than `MAX_WORD_DELTAS` (10,000) words is cut into that many near-equal pieces instead.
 * - With `chunks` = N: exactly N deltas of near-equal length. A text shorter than N characters is
 *   first padded with `.` to N characters, so the streamed (and non-streamed) text is the padded one.
 *
 * `splitReply(text, chunks).join('')` is the full reply text.
 */
export function splitReply(text: string, chunks?: number): string[] {
  if (chunks === undefined || !Number.isFinite(chunks) || chunks < 1) {
    const pieces: string[] = [];
    for (const word of text.matchAll(/^\s*\S+\s*|\S+\s*|\s+/g)) {
      // A huge prompt echoed word by word would cost one string (and one stream event) per word.
      if (pieces.length === MAX_WORD_DELTAS) return splitInto(text, MAX_WORD_DELTAS, '.');
      pieces.push(word[0]);
    }
    return pieces;
  }
  return splitInto(text, chunks, '.');
}

/** Splits `text` into exactly `chunks` near-equal pieces, padding with `pad` when it is too short. */
export function splitInto(text: string, chunks: number, pad: string): string[] {
  const n = Math.max(1, Math.floor(chunks));
  // Without surrogate pairs every code point is one UTF-16 unit: cut the string itself rather than
  // an array of its characters (a large tool argument would cost one array slot per character).
  if (!/[\uD800-\uDFFF]/.test(text)) {
    const padded = text.length < n ? text + pad.repeat(n - text.length) : text;
    return Array.from({ length: n }, (_, i) => padded.slice(Math.floor((i * padded.length) / n), Math.floor(((i + 1) * padded.length) / n)));
  }
  const chars = Array.from(text);
  while (chars.length < n) chars.push(pad);
  const pieces: string[] = [];
  for (let i = 0; i < n; i++) {
    const start = Math.floor((i * chars.length) / n);
    const end = Math.floor(((i + 1) * chars.length) / n);
    pieces.push(chars.slice(start, end).join(''));
  }
  return pieces;
}

/**
 * The embedding of a text: `dimensions` values (default 8), each from an FNV-1a hash of
 * `${text}:${i}` scaled to [-1, 1], then normalised to unit length. The text is hashed once, so the
 * work is the text's length plus the dimensions.
 */
export function embeddingFor(text: string, dimensions = 8): number[] {
  // One request must not be able to exhaust the emulator's memory (`dimensions: 1e8`).
  checkDimensions(dimensions);
  const seed = fnv1a(text);
  const raw = Array.from({ length: dimensions }, (_, i) => (fnv1aAscii(`:${i}`, seed) / 0xffffffff) * 2 - 1);
  const norm = Math.sqrt(raw.reduce((sum, v) => sum + v * v, 0)) || 1;
  return raw.map((v) => v / norm);
}

/** `fnv1a(ascii, seed)` for an ASCII string, without encoding it first. */
function fnv1aAscii(ascii: string, seed: number): number {
  let hash = seed;
  for (let i = 0; i < ascii.length; i++) {
    hash ^= ascii.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

function checkDimensions(dimensions: number): void {
  if (!Number.isInteger(dimensions) || dimensions < 1 || dimensions > MAX_DIMENSIONS) {
    throw new UpstreamError({ status: 400, message: `dimensions must be an integer from 1 to ${MAX_DIMENSIONS}` });
  }
}

/**
 * The embeddings of one request's inputs (`dimensions` undefined: 8), after checking the request
 * against `limits`: more than `embeddingInputs` inputs, or more than `embeddingValues` values in
 * all, throw a 413 `UpstreamLimitError` before anything is computed.
 */
export function embeddingsFor(inputs: readonly { text: string; dimensions: number | undefined }[], limits: UpstreamLimits): number[][] {
  if (inputs.length > limits.embeddingInputs) {
    throw new UpstreamLimitError({ status: 413, message: `The request asks for ${inputs.length} embeddings; the emulator computes at most ${limits.embeddingInputs} per request (limit embeddingInputs)` });
  }
  let values = 0;
  for (const input of inputs) {
    const dimensions = input.dimensions ?? 8;
    checkDimensions(dimensions);
    values += dimensions;
  }
  if (values > limits.embeddingValues) {
    throw new UpstreamLimitError({
      status: 413,
      message: `The request asks for ${values} embedding values (inputs × dimensions); the emulator computes at most ${limits.embeddingValues} per request (limit embeddingValues)`,
    });
  }
  return inputs.map((input) => embeddingFor(input.text, input.dimensions));
}

function words(text: string): Set<string> {
  return new Set(text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []);
}

/** One reranked document. */
export interface RerankScore {
  index: number;
  relevance_score: number;
}

/**
 * Rerank scores: the share of the query's distinct words (lower-cased letters/digits) that occur in
 * the document, in [0, 1]. Sorted by score descending, ties by index; `topN` keeps the first N.
 */
export function rerankScores(query: string, documents: readonly string[], topN?: number): RerankScore[] {
  const queryWords = words(query);
  const scored = documents.map((document, index) => {
    const documentWords = words(document);
    let hits = 0;
    for (const word of queryWords) if (documentWords.has(word)) hits++;
    return { index, relevance_score: queryWords.size === 0 ? 0 : hits / queryWords.size };
  });
  scored.sort((a, b) => b.relevance_score - a.relevance_score || a.index - b.index);
  return topN === undefined ? scored : scored.slice(0, Math.max(0, topN));
}
