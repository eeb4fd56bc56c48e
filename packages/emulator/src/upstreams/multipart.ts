/** One part of a multipart/form-data body. */
export interface MultipartPart {
  name: string;
  filename: string | undefined;
  contentType: string | undefined;
  data: Uint8Array;
}

const encoder = new TextEncoder();

/** The boundary parameter of a multipart content type, or undefined. */
export function multipartBoundary(contentType: string | undefined): string | undefined {
  const match = /boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType ?? '');
  return match?.[1] ?? match?.[2];
}

/**
 * Parses a multipart/form-data body (RFC 7578) with the runtime's own parser (`Response.formData()`),
 * in the order of its parts. A body the parser refuses (no closing boundary, a part without a name)
 * gives no parts, so the caller answers that a required field is missing.
 */
export async function parseMultipart(body: Uint8Array, contentType: string): Promise<MultipartPart[]> {
  let form: FormData;
  try {
    form = await new Response(body as Uint8Array<ArrayBuffer>, { headers: { 'content-type': contentType } }).formData();
  } catch {
    return [];
  }
  const parts: MultipartPart[] = [];
  for (const [name, value] of form.entries()) {
    if (typeof value === 'string') parts.push({ name, filename: undefined, contentType: undefined, data: encoder.encode(value) });
    else parts.push({ name, filename: value.name, contentType: value.type === '' ? undefined : value.type, data: new Uint8Array(await value.arrayBuffer()) });
  }
  return parts;
}
