import { fromUtf8, utf8 } from './binary.js';

/** One part of a multipart/form-data body. */
export interface MultipartPart {
  name: string;
  filename: string | undefined;
  contentType: string | undefined;
  data: Uint8Array;
}

/**
 * A search for `needle` (non-empty) in linear time (Knuth–Morris–Pratt): a boundary of thousands of
 * `-` in a body of dashes costs one pass, not one comparison per byte of the boundary at each byte.
 */
function finder(needle: Uint8Array): (haystack: Uint8Array, from: number) => number {
  const fallback = new Int32Array(needle.length);
  for (let i = 1, k = 0; i < needle.length; i++) {
    while (k > 0 && needle[i] !== needle[k]) k = fallback[k - 1]!;
    if (needle[i] === needle[k]) k++;
    fallback[i] = k;
  }
  return (haystack, from) => {
    for (let i = from, k = 0; i < haystack.length; i++) {
      while (k > 0 && haystack[i] !== needle[k]) k = fallback[k - 1]!;
      if (haystack[i] === needle[k]) k++;
      if (k === needle.length) return i - needle.length + 1;
    }
    return -1;
  };
}

/** The boundary parameter of a multipart content type, or undefined. */
export function multipartBoundary(contentType: string | undefined): string | undefined {
  const match = /boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType ?? '');
  return match?.[1] ?? match?.[2];
}

/** Parses a multipart/form-data body (RFC 7578). Malformed parts are skipped. */
export function parseMultipart(body: Uint8Array, boundary: string): MultipartPart[] {
  const delimiter = utf8(`--${boundary}`);
  const headerEnd = utf8('\r\n\r\n');
  const findDelimiter = finder(delimiter);
  const findHeaderEnd = finder(headerEnd);
  const parts: MultipartPart[] = [];
  let start = findDelimiter(body, 0);
  while (start !== -1) {
    const afterDelimiter = start + delimiter.length;
    if (body[afterDelimiter] === 0x2d && body[afterDelimiter + 1] === 0x2d) break;
    const next = findDelimiter(body, afterDelimiter);
    if (next === -1) break;
    const segment = body.subarray(afterDelimiter + 2, next >= 2 && body[next - 2] === 0x0d ? next - 2 : next);
    const split = findHeaderEnd(segment, 0);
    if (split !== -1) {
      const headers = fromUtf8(segment.subarray(0, split)).split('\r\n');
      const disposition = headers.find((h) => /^content-disposition:/i.test(h)) ?? '';
      const type = headers.find((h) => /^content-type:/i.test(h));
      const name = /\bname="([^"]*)"/i.exec(disposition)?.[1];
      if (name !== undefined) {
        parts.push({
          name,
          filename: /\bfilename="([^"]*)"/i.exec(disposition)?.[1],
          contentType: type?.slice(type.indexOf(':') + 1).trim(),
          data: segment.subarray(split + headerEnd.length),
        });
      }
    }
    start = next;
  }
  return parts;
}
