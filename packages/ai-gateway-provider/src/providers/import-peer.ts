import { AiGatewayMissingDependencyError } from '@aigw/errors';

/**
 * The optional peer package each `providers/*` sub-path loads, and its majors for AI SDK 5, 6 and 7
 * (models of specification v2, v3 and v4). The README's sub-path table says the same. (`unified`
 * is not here: `@ai-sdk/openai-compatible` is a dependency of this package, for model ids.)
 */
export const PEER_VERSIONS = {
  '@ai-sdk/amazon-bedrock': ['^3.0.0', '^4.0.0', '^5.0.0'],
  '@ai-sdk/anthropic': ['^2.0.0', '^3.0.0', '^4.0.0'],
  '@ai-sdk/azure': ['^2.0.0', '^3.0.0', '^4.0.0'],
  '@ai-sdk/cerebras': ['^1.0.0', '^2.0.0', '^3.0.0'],
  '@ai-sdk/cohere': ['^2.0.0', '^3.0.0', '^4.0.0'],
  '@ai-sdk/deepgram': ['^1.0.0', '^2.0.0', '^3.0.0'],
  '@ai-sdk/deepseek': ['^1.0.0', '^2.0.0', '^3.0.0'],
  '@ai-sdk/elevenlabs': ['^1.0.0', '^2.0.0', '^3.0.0'],
  '@ai-sdk/fireworks': ['^1.0.0', '^2.0.0', '^3.0.0'],
  '@ai-sdk/google': ['^2.0.0', '^3.0.0', '^4.0.0'],
  '@ai-sdk/google-vertex': ['^3.0.0', '^4.0.0', '^5.0.0'],
  '@ai-sdk/groq': ['^2.0.0', '^3.0.0', '^4.0.0'],
  '@ai-sdk/mistral': ['^2.0.0', '^3.0.0', '^4.0.0'],
  '@ai-sdk/openai': ['^2.0.0', '^3.0.0', '^4.0.0'],
  '@ai-sdk/perplexity': ['^2.0.0', '^3.0.0', '^4.0.0'],
  '@ai-sdk/xai': ['^2.0.0', '^3.0.0', '^4.0.0 || ^5.0.0'],
  '@openrouter/ai-sdk-provider': ['^1.0.0', '^2.0.0', '^3.0.0'],
} as const satisfies Record<string, readonly [string, string, string]>;

export type PeerPackage = keyof typeof PEER_VERSIONS;

const describeVersions = (name: PeerPackage) => {
  const [v5, v6, v7] = PEER_VERSIONS[name];
  return `${v5} for AI SDK 5, ${v6} for AI SDK 6, ${v7} for AI SDK 7`;
};

/** True when `error` says that `name` itself (not something it imports) could not be found. */
function isMissing(error: unknown, name: string): boolean {
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  if (typeof message !== 'string') return false;
  const notFound = code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND' || /cannot find (module|package)|failed to resolve/i.test(message);
  return notFound && [`'${name}'`, `"${name}"`, `'${name}/`, `"${name}/`].some((quoted) => message.includes(quoted));
}

/**
 * Loads a sub-path's peer package; a missing one fails with `AiGatewayMissingDependencyError`
 * naming it and the major that fits each AI SDK, instead of a bare `ERR_MODULE_NOT_FOUND`.
 */
export async function importPeer<T>(name: PeerPackage, subPath: string, load: () => Promise<T>): Promise<T> {
  try {
    return await load();
  } catch (error) {
    if (!isMissing(error, name)) throw error;
    throw new AiGatewayMissingDependencyError({ packageName: name, neededBy: `ai-gateway-provider/providers/${subPath}`, versions: describeVersions(name), cause: error });
  }
}
