import { fromUtf8, utf8 } from './binary.js';

/** One part of a multipart/form-data body. */
export interface MultipartPart {
  name: string;
  filename: string | undefined;
  contentType: string | undefined;
  data: Uint8Array;
}

function indexOf(haystack: Uint8Array, needle: Uint8Array, from: number): number {
  const first = needle[0];
  outer: for (let i = haystack.indexOf(first ?? 0, from); i !== -1 && i <= haystack.length - needle.length; i = haystack.indexOf(first ?? 0, i + 1)) {
    for (let j = 1; j < needle.length; j++) if (haystack[i + j] !== needle[j]) continue outer;
    return i;
  }
  return -1;
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
  const parts: MultipartPart[] = [];
  let start = indexOf(body, delimiter, 0);
  while (start !== -1) {
    const afterDelimiter = start + delimiter.length;
    if (body[afterDelimiter] === 0x2d && body[afterDelimiter + 1] === 0x2d) break;
    const next = indexOf(body, delimiter, afterDelimiter);
    if (next === -1) break;
    const segment = body.subarray(afterDelimiter + 2, next >= 2 && body[next - 2] === 0x0d ? next - 2 : next);
    const split = indexOf(segment, headerEnd, 0);
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
