/** What every secret is replaced with. */
export const REDACTED = '[REDACTED]';

/** Secrets shorter than this are not searched for: they would match ordinary words. */
const MIN_SECRET_LENGTH = 6;

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

/** The forms a secret may take in text: as is, URL-encoded, JSON-escaped. Longest first. */
function secretForms(secrets: readonly string[]): string[] {
  const forms = new Set<string>();
  for (const secret of secrets) {
    if (typeof secret !== 'string' || secret.length < MIN_SECRET_LENGTH || secret === REDACTED) continue;
    forms.add(secret);
    forms.add(encodeURIComponent(secret));
    forms.add(JSON.stringify(secret).slice(1, -1));
  }
  return [...forms].sort((a, b) => b.length - a.length);
}

/**
 * Replaces every occurrence of each secret (6 characters or longer) with `[REDACTED]`, then every
 * credential recognisable by its shape: `Bearer <x>`, `sk-...`, `AKIA...`, `AIza...`, `key=` and
 * similar query parameters, JSON fields named like a key, and user info in URLs.
 */
export function redactText(text: string, secrets: readonly string[] = []): string {
  let out = text;
  for (const form of secretForms(secrets)) {
    if (out.includes(form)) out = out.split(form).join(REDACTED);
  }
  for (const pattern of KEY_SHAPES) out = out.replace(pattern, `$1${REDACTED}`);
  return out;
}
