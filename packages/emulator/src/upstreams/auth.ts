/** How a simulated provider authenticates callers. Any non-empty credential is accepted. */
export type AuthScheme =
  /** `authorization: Bearer <key>` (OpenAI and the OpenAI-compatible providers, Workers AI). */
  | 'bearer'
  /** `x-api-key`, or `authorization: Bearer` (Anthropic OAuth tokens). */
  | 'anthropic'
  /** `x-goog-api-key` header or `key` query parameter. */
  | 'google'
  /** Vertex AI: `authorization: Bearer`, `x-goog-api-key` or `key` query parameter. */
  | 'vertex'
  /** Azure OpenAI: `api-key`, or `authorization: Bearer` (Entra ID). */
  | 'azure'
  /** Bedrock: `authorization` starting `AWS4-HMAC-SHA256` (SigV4) or `Bearer` (API key). */
  | 'bedrock'
  /** Cohere: `authorization: Bearer <key>` (or the older `Token <key>`). */
  | 'cohere'
  /** Deepgram: `authorization: Token <key>` (or `Bearer`). */
  | 'token'
  /** ElevenLabs: `xi-api-key`. */
  | 'elevenlabs';

const bearer = /^Bearer\s+\S/i;

function present(value: string | undefined): boolean {
  return value !== undefined && value.trim().length > 0;
}

/** Whether the request carries the credential the scheme expects. */
export function hasCredentials(scheme: AuthScheme, headers: Record<string, string>, query: URLSearchParams): boolean {
  const authorization = headers.authorization ?? '';
  switch (scheme) {
    case 'bearer':
      return bearer.test(authorization);
    case 'anthropic':
      return present(headers['x-api-key']) || bearer.test(authorization);
    case 'google':
      return present(headers['x-goog-api-key']) || present(query.get('key') ?? undefined);
    case 'vertex':
      return bearer.test(authorization) || present(headers['x-goog-api-key']) || present(query.get('key') ?? undefined);
    case 'azure':
      return present(headers['api-key']) || bearer.test(authorization);
    case 'bedrock':
      return /^AWS4-HMAC-SHA256\s+\S/.test(authorization) || bearer.test(authorization);
    case 'cohere':
    case 'token':
      return bearer.test(authorization) || /^Token\s+\S/i.test(authorization);
    case 'elevenlabs':
      return present(headers['xi-api-key']);
  }
}
