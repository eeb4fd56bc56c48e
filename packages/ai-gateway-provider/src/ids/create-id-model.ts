import { pathSegment, type ModelKind } from '@aigw/core';
import { checkToken, invalidOption } from '../invalid-option';
import type { IdModelPlan } from './build-id-model';
import type { CheckedIdSettings, ModelIdContext } from './id-types';
import { idRoute } from './id-route';
import { LazyIdModel } from './lazy-id-model';

/** How many built id models a gateway instance keeps; the oldest goes first (per-user headers vary). */
const MAX_BUILT = 256;

/**
 * Turns a string id into a model whose own code builds the request and parses the answer, so that
 * the core captures, encodes and replays it like any vendor model (and ids mix freely with model
 * objects in one server-side fallback list). The id is checked now; the model is built on its first
 * call (see `./build-id-model`), so apps that use no ids never load that code.
 */
export function createIdModel(options: { id: string; kind: ModelKind; context: ModelIdContext; settings?: CheckedIdSettings; option: string }): object {
  const { id, kind, context, settings = {}, option } = options;
  const route = idRoute(id, option);
  const headers = settings.headers ?? {};
  if (route !== 'workers-ai' && kind !== 'language') {
    throw invalidOption(
      option,
      `is a ${route === 'dynamic' ? 'dynamic route' : 'gateway catalog id'}, which the gateway serves for chat only`,
      `a Workers AI id ("@cf/...") or a ${kind} model object from an @ai-sdk/* provider`,
      id,
    );
  }
  if (route === 'workers-ai' && context.tokenRequired && context.cloudflareApiToken === undefined) {
    throw invalidOption(
      'cloudflareApiToken',
      `is missing, and ${option} is the Workers AI model "${id}", which needs a Cloudflare API token (Workers AI Read and Edit) over HTTP`,
      'a Cloudflare API token, in the settings or in CLOUDFLARE_API_TOKEN (or use the Workers binding, which needs none)',
      undefined,
    );
  }
  if (route === 'workers-ai') {
    // The settings' token was checked when the instance was made; one from the environment is checked here.
    if (context.cloudflareApiToken !== undefined) checkToken(context.cloudflareApiToken, 'CLOUDFLARE_API_TOKEN');
    pathSegment(context.accountId, { option: 'accountId', allowed: 'your Cloudflare account id (letters, digits, "-" or "_")', pattern: /^[A-Za-z0-9_-]{1,64}$/ });
  }
  if (settings.rejectIfBusy === true && route !== 'workers-ai') {
    throw invalidOption(`${option}.rejectIfBusy`, 'is set on an id that is not a Workers AI model', 'a Workers AI id ("@cf/...") leg, or no rejectIfBusy', true);
  }
  const fields = bodyFields({ settings, route, kind, option, id });
  const rejectIfBusy = settings.rejectIfBusy === true;
  const key = `${kind} ${id} ${JSON.stringify(headers)}${rejectIfBusy ? ' rejectIfBusy' : ''}${fields ? ` ${JSON.stringify(fields)}` : ''}`;
  let built = context.built.get(key);
  if (built === undefined) {
    if (context.built.size >= MAX_BUILT) context.built.delete(context.built.keys().next().value!);
    const plan: IdModelPlan = { id, kind, route, headers, ...(route === 'workers-ai' ? { context } : {}) };
    built = { load: () => import('./build-id-model').then((m) => m.buildIdModel(plan)), ...(rejectIfBusy ? { bodyOptions: { rejectIfBusy: true } } : {}), ...(fields ? { bodyFields: fields } : {}) };
    context.built.set(key, built);
  }
  // The AI SDK provider name the built model reports, known before it is built.
  const provider = route === 'workers-ai' ? `workers-ai.${kind === 'language' ? 'chat' : kind}` : `aigateway.${route}.chat`;
  return new LazyIdModel(id, provider, built, kind === 'image' ? 1 : undefined);
}

/** `reasoning_effort` and `chat_template_kwargs` of a Workers AI language id, as body fields; refused on any other id. */
function bodyFields(options: { settings: CheckedIdSettings; route: string; kind: ModelKind; option: string; id: string }): Record<string, unknown> | undefined {
  const { settings, route, kind, option, id } = options;
  const { reasoningEffort, chatTemplateKwargs } = settings;
  if (reasoningEffort === undefined && chatTemplateKwargs === undefined) return undefined;
  if (route !== 'workers-ai' || kind !== 'language') {
    const name = reasoningEffort !== undefined ? 'reasoningEffort' : 'chatTemplateKwargs';
    throw invalidOption(`${option}.${name}`, `is set on "${id}", which is not a Workers AI language model`, 'a Workers AI language id ("@cf/...") leg, or no ' + name, reasoningEffort ?? chatTemplateKwargs);
  }
  return { ...(reasoningEffort !== undefined ? { reasoning_effort: reasoningEffort } : {}), ...(chatTemplateKwargs !== undefined ? { chat_template_kwargs: chatTemplateKwargs } : {}) };
}
