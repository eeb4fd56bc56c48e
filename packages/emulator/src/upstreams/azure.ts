/**
 * Azure OpenAI: deployment URLs (`{resource}/{deployment}/chat/completions?api-version=...`, also
 * `{resource}/openai/deployments/{deployment}/...`) where the deployment is the default model, and
 * the v1 form (`{resource}/v1/...`, `{resource}/openai/v1/...`, or `{resource}[/openai]/{openai path}`). OpenAI wire format; `api-key` auth.
 */
import type { ProviderFamily } from './family.js';
import { isOpenAIPath, openAIError, routeOpenAI } from './openai.js';

/** Splits an Azure path into the OpenAI path and the deployment (the default model), if any. */
export function azurePath(path: string): { path: string; deployment: string | undefined } {
  const segments = path.split('/').slice(1);
  if (segments[0] === 'openai') segments.shift();
  if (segments[0] === 'v1') return { path: segments.slice(1).join('/'), deployment: undefined };
  if (isOpenAIPath(segments.join('/'))) return { path: segments.join('/'), deployment: undefined };
  if (segments[0] === 'deployments') segments.shift();
  const deployment = segments.shift();
  return { path: segments.join('/'), deployment: deployment === undefined ? undefined : decodeURIComponent(deployment) };
}

/** The Azure OpenAI provider. */
export function azureFamily(): ProviderFamily {
  return {
    auth: 'azure',
    unauthorizedMessage:
      'Access denied due to invalid subscription key or wrong API endpoint. Make sure to provide a valid key for an active subscription and use a correct regional API endpoint for your resource.',
    error: (error) => openAIError(error),
    model: (path) => azurePath(path).deployment,
    route(context) {
      const { path, deployment } = azurePath(context.path);
      return routeOpenAI(context, path, {}, deployment);
    },
  };
}
