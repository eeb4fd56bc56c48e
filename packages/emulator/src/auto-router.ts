import { createUuidV7 } from './create-uuidv7.js';

/** The Auto Router of one emulated gateway (model `cloudflare/auto` on `/compat`). */
export interface EmulatorAutoRouterSettings {
  /** The models it routes to, `provider/model`, cheapest first: the cost-optimal pick is the first candidate. */
  pool: string[];
  /** The model of a fallback decision (router error or timeout, unsupported input, a key not in the candidates); default the first candidate. */
  fallbackModel?: string;
  /** Models that are down: the router moves on to the next candidate (`fallback_candidate_unavailable`). */
  unavailable?: string[];
}

/** The pool of a gateway that configures none, cheapest first. */
export const DEFAULT_AUTO_ROUTER_POOL: readonly string[] = ['google-ai-studio/gemini-2.5-flash', 'openai/gpt-5-mini', 'anthropic/claude-sonnet-4-5'];

/** The routing reasons the gateway reports in `cf-aig-routing-reason`. */
export const ROUTING_REASONS = [
  'cost_optimal_within_pool',
  'forced_by_candidate_pool',
  'pinned_by_turn',
  'fallback_candidate_unavailable',
  'fallback_key_not_in_candidates',
  'fallback_router_error',
  'fallback_router_timeout',
  'fallback_unsupported_input',
] as const;
/** Why the Auto Router picked its model: one of the reasons the gateway sends in `cf-aig-routing-reason`. */
export type RoutingReason = (typeof ROUTING_REASONS)[number];

/**
 * The per-request control of the router (`x-emulator-auto-router`, JSON), to reach every reason:
 * `pick` is the router's raw choice (a model outside the candidates is `fallback_key_not_in_candidates`),
 * `unavailable` adds models that are down, `routerError` / `routerTimeout` make the router fail.
 */
export interface AutoRouterControl {
  pick?: string;
  unavailable?: string[];
  routerError?: boolean;
  routerTimeout?: boolean;
}

/** One routing decision. */
export interface RoutingDecision {
  /** `provider/model`, as in `cf-aig-routed-model`. */
  model: string;
  provider: string;
  providerModel: string;
  reason: RoutingReason;
  decisionId: string;
  /** The models the request allowed, in pool order. */
  candidates: string[];
  /** The turn of the session the decision belongs to, when a session is set. */
  turn?: string;
  /** Where the session keeps this model for its turn, once the step is tried (`pinDecision`). */
  pin?: { key: string; turn: string };
}

/** A request the router refuses (an allowed entry that matches no model): answered 400. */
export class AutoRouterRefusal extends Error {}

/** The model of each session's current turn, by gateway and session id. */
export type SessionPins = Map<string, { turn: string; model: string }>;

/** Checks an `x-emulator-auto-router` value. */
export function parseAutoRouterControl(value: string | undefined): AutoRouterControl {
  if (value === undefined || value === '') return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch {
    throw new AutoRouterRefusal('x-emulator-auto-router must be a JSON object');
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) throw new AutoRouterRefusal('x-emulator-auto-router must be a JSON object');
  for (const [key, field] of Object.entries(parsed)) {
    const ok =
      key === 'pick' ? typeof field === 'string' : key === 'unavailable' ? Array.isArray(field) && field.every((m) => typeof m === 'string') : key === 'routerError' || key === 'routerTimeout' ? typeof field === 'boolean' : false;
    if (!ok) throw new AutoRouterRefusal(`x-emulator-auto-router: bad or unknown field '${key}' (pick: string, unavailable: string[], routerError, routerTimeout: boolean)`);
  }
  return parsed;
}

/** A `cf-aig-allowed-*` entry as a pattern: `*` matches any characters but `/`. */
function globPattern(entry: string): RegExp {
  const escaped = entry.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*');
  return new RegExp(`^${escaped}$`);
}

function listHeader(name: string, value: string | undefined): RegExp[] | undefined {
  if (value === undefined) return undefined;
  const entries = value.split(',').map((e) => e.trim());
  if (entries.some((e) => e === '')) throw new AutoRouterRefusal(`${name} has an empty entry`);
  return entries.map(globPattern);
}

/** True when a request's messages hold input the router does not classify (images, audio, files). */
function unsupportedInput(body: Record<string, unknown>): boolean {
  const messages = Array.isArray(body.messages) ? (body.messages as unknown[]) : [];
  return messages.some((m) => {
    const content = (m as { content?: unknown } | null)?.content;
    return Array.isArray(content) && content.some((part) => (part as { type?: unknown } | null)?.type !== 'text');
  });
}

/** The turn of a conversation: `cf-aig-turn-id`, else the number of user messages (a tool loop stays in its turn). */
function turnOf(body: Record<string, unknown>, header: string | undefined): string {
  if (header !== undefined) return header;
  const messages = Array.isArray(body.messages) ? (body.messages as unknown[]) : [];
  return String(messages.filter((m) => (m as { role?: unknown } | null)?.role === 'user').length);
}

/**
 * Decides where a `cloudflare/auto` request goes, deterministically: the candidates are the pool's
 * models allowed by `cf-aig-allowed-models` and `cf-aig-allowed-providers` (an entry matching no
 * model is refused); a session's turn keeps its model; otherwise the first (cheapest) candidate,
 * with the fallbacks the control asks for.
 */
export function decideRoute(options: {
  settings: EmulatorAutoRouterSettings;
  cf: Record<string, string>;
  body: Record<string, unknown>;
  control: AutoRouterControl;
  pins: SessionPins;
  gateway: string;
  now: number;
}): RoutingDecision {
  const { settings, cf, body, control } = options;
  const pool = settings.pool;
  const models = listHeader('cf-aig-allowed-models', cf['cf-aig-allowed-models']);
  const providers = listHeader('cf-aig-allowed-providers', cf['cf-aig-allowed-providers']);
  const providerOf = (model: string) => model.slice(0, model.indexOf('/'));
  for (const [name, patterns, subject] of [
    ['cf-aig-allowed-models', models, (m: string) => m],
    ['cf-aig-allowed-providers', providers, providerOf],
  ] as const) {
    const raw = (cf[name] ?? '').split(',').map((e) => e.trim());
    patterns?.forEach((pattern, i) => {
      if (!pool.some((m) => pattern.test(subject(m)))) throw new AutoRouterRefusal(`${name}: '${raw[i]}' matches no model of the pool`);
    });
  }
  const candidates = pool.filter((m) => (models?.some((p) => p.test(m)) ?? true) && (providers?.some((p) => p.test(providerOf(m))) ?? true));
  if (candidates.length === 0) throw new AutoRouterRefusal('cf-aig-allowed-models and cf-aig-allowed-providers match no model together');
  const down = new Set([...(settings.unavailable ?? []), ...(control.unavailable ?? [])]);
  const fallback = settings.fallbackModel !== undefined && candidates.includes(settings.fallbackModel) ? settings.fallbackModel : candidates[0]!;
  const session = cf['cf-aig-session-id'];
  const affinity = session !== undefined && cf['cf-aig-no-session-affinity'] !== 'true';
  const pinKey = `${options.gateway}\n${session ?? ''}`;
  const turn = session !== undefined ? turnOf(body, cf['cf-aig-turn-id']) : undefined;

  let model: string;
  let reason: RoutingReason;
  const pinned = affinity ? options.pins.get(pinKey) : undefined;
  if (unsupportedInput(body)) [model, reason] = [fallback, 'fallback_unsupported_input'];
  else if (control.routerError === true) [model, reason] = [fallback, 'fallback_router_error'];
  else if (control.routerTimeout === true) [model, reason] = [fallback, 'fallback_router_timeout'];
  else if (pinned !== undefined && pinned.turn === turn && candidates.includes(pinned.model) && !down.has(pinned.model)) [model, reason] = [pinned.model, 'pinned_by_turn'];
  else if (control.pick !== undefined && !candidates.includes(control.pick)) [model, reason] = [fallback, 'fallback_key_not_in_candidates'];
  else [model, reason] = [control.pick ?? candidates[0]!, candidates.length === 1 && candidates.length < pool.length ? 'forced_by_candidate_pool' : 'cost_optimal_within_pool'];
  if (down.has(model)) {
    const next = candidates.find((m) => !down.has(m));
    if (next === undefined) throw new AutoRouterRefusal('every candidate model is unavailable');
    [model, reason] = [next, 'fallback_candidate_unavailable'];
  }
  const cut = model.indexOf('/');
  const decision: RoutingDecision = { model, provider: model.slice(0, cut), providerModel: model.slice(cut + 1), reason, decisionId: createUuidV7({ now: options.now }), candidates };
  if (turn !== undefined) decision.turn = turn;
  if (affinity && turn !== undefined) decision.pin = { key: pinKey, turn };
  return decision;
}

/** Keeps a decision's model for its session's turn: called when the step is tried (a chain may answer before it). */
export function pinDecision(pins: SessionPins, decision: RoutingDecision): void {
  if (decision.pin !== undefined) pins.set(decision.pin.key, { turn: decision.pin.turn, model: decision.model });
}
