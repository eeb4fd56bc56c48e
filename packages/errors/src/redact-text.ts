import { decodedView, type DecodedView } from './decoded-view';
import { secretForms } from './secret-forms';

/** What every secret is replaced with. */
export const REDACTED = '[REDACTED]';

/**
 * Shapes of credentials that are recognisable without knowing the value. Group 1 is the
 * non-secret prefix (scheme, parameter or field name, possibly empty) kept so the text still reads;
 * the rest of the match is the secret.
 */
const KEY_SHAPES: readonly RegExp[] = [
  // Authorization schemes: `Bearer <token>`, `Basic <base64>`, Cohere's `Token <key>`.
  /(\b(?:Bearer|Basic)\s+)[\w\-.~+/]{8,}=*/gi,
  /(\bToken\s+)[\w\-.~+/]{20,}=*/g,
  // OpenAI, Anthropic (sk-ant-), DeepSeek, OpenRouter (sk-or-) keys.
  /()\bsk-[\w-]{8,}/g,
  // Other vendors' prefixed keys: Groq, xAI, Hugging Face, Replicate, Cerebras, Perplexity, Fireworks, GitHub, GitLab.
  /()\b(?:gsk|xai|hf|r8|csk|pplx|fw|ghp|gho|ghs|ghu|github_pat|glpat)[-_][\w-]{16,}/g,
  // AWS access key ids (long-term and temporary) and SigV4 signatures.
  /()\b(?:AKIA|ASIA)[0-9A-Z]{16}\b/g,
  /(\bSignature=)[0-9a-fA-F]{16,}/g,
  // Google API keys.
  /()\bAIza[\w-]{30,}/g,
  // Credentials in a query string or fragment.
  /([?&;#](?:api[_-]?key|key|token|access[_-]?token|refresh[_-]?token|id[_-]?token|auth|sig|signature|x-amz-signature|x-amz-credential|x-amz-security-token|secret|client[_-]?secret|password)=)[^&\s"'<>#]+/gi,
  // JSON string fields named like a credential: `"x-api-key":"..."`, `"apiKey": "..."`.
  /("[\w-]*(?:key|token|secret|authorization|password|signature|credential)[\w-]*"\s*:\s*")(?:[^"\\]|\\.)+(?=")/gi,
  // User info in URLs: `https://user:password@host`.
  /(\b[a-z][a-z0-9+.-]*:\/\/)[^\s/?#@]+(?=@)/gi,
];

/** Where each form occurs in `text`, as `[start, end]` pairs of the original text. */
function findForms(text: string, forms: readonly string[], spans: number[], view?: DecodedView): void {
  for (const form of forms) {
    for (let at = text.indexOf(form); at !== -1; at = text.indexOf(form, at + form.length)) {
      if (view === undefined) spans.push(at, at + form.length);
      else spans.push(view.start(at), view.end(at + form.length - 1));
    }
  }
}

/** Every part of `text` that holds one of the secrets' forms, as `[start, end]` pairs, or an empty list. */
function secretSpans(text: string, secrets: readonly string[]): number[] {
  const spans: number[] = [];
  const forms = secretForms(secrets);
  if (forms.length === 0) return spans;
  findForms(text, forms, spans);
  const view = decodedView(text);
  if (view !== undefined) findForms(view.text, forms, spans, view);
  return spans;
}

/** `text` with each span replaced by `[REDACTED]` (overlapping spans as one). */
function replaceSpans(text: string, spans: number[]): string {
  const order: number[] = [];
  for (let i = 0; i < spans.length; i += 2) order.push(i);
  order.sort((a, b) => spans[a]! - spans[b]! || spans[b + 1]! - spans[a + 1]!);
  let out = '';
  let last = 0;
  for (const i of order) {
    const start = spans[i]!;
    const end = spans[i + 1]!;
    if (end <= last) continue;
    if (start >= last) out += text.slice(last, start) + REDACTED;
    last = end;
  }
  return out + text.slice(last);
}

/** True when `text` holds one of the secrets, in any of the forms `redactText` finds. */
export function hasSecret(text: string, secrets: readonly string[]): boolean {
  return secretSpans(text, secrets).length > 0;
}

/**
 * Replaces every occurrence of each secret (6 characters or longer) with `[REDACTED]`, in any form it
 * may take: as is, URL-encoded (in whole or in part), JSON-escaped (`\u` escapes in whole or in part,
 * a JSON string inside another), as HTML character references, and base64-encoded at any byte
 * offset (a `Bearer <secret>` header encoded whole). Then every credential recognisable by its
 * shape: `Bearer <x>`, `sk-...`, `AKIA...`, `AIza...`, `key=` and similar query parameters, JSON
 * fields named like a key, and user info in URLs.
 */
export function redactText(text: string, secrets: readonly string[] = []): string {
  const spans = secretSpans(text, secrets);
  let out = spans.length === 0 ? text : replaceSpans(text, spans);
  for (const pattern of KEY_SHAPES) out = out.replace(pattern, `$1${REDACTED}`);
  return out;
}
