import { AiGatewayMissingDependencyError } from '@aigw/errors';

/**
 * The optional peer package each `providers/*` sub-path loads, and its majors for AI SDK 5, 6 and 7
 * (models of specification v2, v3 and v4). The README's sub-path table says the same.
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
  '@ai-sdk/openai-compatible': ['^1.0.0', '^2.0.0', '^3.0.0'],
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
 * The error to throw when loading `name` failed: `AiGatewayMissingDependencyError` naming it, what
 * needs it and the versions that fit when the package itself is not installed, else `error` itself.
 */
export function peerError(error: unknown, name: PeerPackage, neededBy: string, versions: string = describeVersions(name)): unknown {
  if (!isMissing(error, name)) return error;
  return new AiGatewayMissingDependencyError({ packageName: name, neededBy, versions, cause: error });
}

/**
 * Loads a sub-path's peer package; a missing one fails with `AiGatewayMissingDependencyError`
 * naming it and the major that fits each AI SDK, instead of a bare `ERR_MODULE_NOT_FOUND`.
 * (The CommonJS build of the sub-paths calls `requirePeer` instead: see `tsup.config.ts`.)
 */
export async function importPeer<T>(name: PeerPackage, subPath: string, load: () => Promise<T>): Promise<T> {
  try {
    return await load();
  } catch (error) {
    throw peerError(error, name, `ai-gateway-provider/providers/${subPath}`);
  }
}

/** `importPeer` for the CommonJS build of the sub-paths: `load` is a synchronous `require`. */
export function requirePeer<T>(name: PeerPackage, subPath: string, load: () => T): T {
  try {
    return load();
  } catch (error) {
    throw peerError(error, name, `ai-gateway-provider/providers/${subPath}`);
  }
}
