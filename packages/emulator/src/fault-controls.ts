import type { GatewayErrorSpec } from './gateway-error.js';

/**
 * A fault to inject, as sent in the `x-emulator-fault` header (JSON) or set with `emulator.faults`.
 * Several fields may be combined.
 */
export interface EmulatorFault {
  /** The upstream answers with this status and a generic JSON error body (every attempt, or the first `failAttempts`). */
  status?: number;
  /** Only the first N attempts of the step fail (with `status`, default 503); later attempts reach the upstream. */
  failAttempts?: number;
  /** Delay before the upstream answer's headers, in ms (counts against the request timeout). */
  firstByteDelayMs?: number;
  /** Delay before every event of a streamed answer after the first, in ms. */
  chunkDelayMs?: number;
  /** Destroy the client socket after this many events of the answer (a whole body is one event). */
  dropAfterEvents?: number;
  /**
   * With `dropAfterEvents` on a resumable (binding) stream: how many connections are cut, the first
   * answer and then each resume, every one after `dropAfterEvents` events. Default 1.
   */
  dropTimes?: number;
  /** With `dropAfterEvents` on a resumable stream: the run is forgotten when cut, so resuming answers 404. */
  expireRun?: boolean;
  /** Destroy the client socket before any header is sent. */
  reset?: boolean;
  /** The upstream answers 200 with a truncated, non-JSON body. */
  malformed?: boolean;
  /** Send this value as `cf-aig-step` instead of the real index. */
  stepHeader?: string;
  /** The gateway answers with this error (a code of `GATEWAY_ERRORS`, or a full spec) when the step is reached. */
  gatewayError?: number | GatewayErrorSpec;
  /** `'deny'`: a policy blocks the request (403 `{"success":false,"error":{"message":"Access denied by policy"}}`). */
  policy?: 'deny';
  /** A policy's spend cap is reached: 429 "Spending limit exceeded" with `bucket`, `spent`, `limit` (defaults `gateway`, 1, 1). */
  spendCap?: true | { bucket?: string; spent?: number; limit?: number };
  /** Guardrails: block the prompt (424/2016), the response (424/2017, after the upstream answered), or the scanner is out of credits (402/2021) or unavailable (503/7013). */
  guardrail?: 'prompt' | 'response' | 'no-credits' | 'unavailable';
  /** Unified Billing's request limit is used up: 429 without a code. */
  unifiedBillingRateLimit?: boolean;
  /** Workers AI has no free capacity: a Workers AI request with `options.rejectIfBusy` gets 429/3040. */
  workersAiBusy?: boolean;
  /** Seconds for a `retry-after` header on this fault's 429 (Unified Billing's limit, Workers AI busy, `gatewayError`). */
  retryAfter?: number;
}

/** A programmatic fault, optionally aimed at one step index or one provider. */
export interface EmulatorFaultRule extends EmulatorFault {
  /** Only the step with this index (0 = primary). */
  step?: number;
  /** Only steps (or compat targets) of this provider id. */
  provider?: string;
  /** Applies to this many requests, then removes itself. */
  times?: number;
}

/** Programmatic fault controls of a running emulator. */
export interface FaultControls {
  /** Replaces every rule with the given one(s). */
  set(rule: EmulatorFaultRule | EmulatorFaultRule[]): void;
  /** Adds a rule after the existing ones (later rules win on conflicting fields). */
  add(rule: EmulatorFaultRule): void;
  /** Removes every rule. */
  clear(): void;
  /** The active rules. */
  list(): EmulatorFaultRule[];
}

const FAULT_KEYS = new Set([
  'status',
  'failAttempts',
  'firstByteDelayMs',
  'chunkDelayMs',
  'dropAfterEvents',
  'dropTimes',
  'expireRun',
  'reset',
  'malformed',
  'stepHeader',
  'gatewayError',
  'policy',
  'spendCap',
  'guardrail',
  'unifiedBillingRateLimit',
  'workersAiBusy',
  'retryAfter',
]);

const GUARDRAIL_KINDS = new Set(['prompt', 'response', 'no-credits', 'unavailable']);

/** The longest delay a fault may ask for: ten minutes, beyond any test's patience. */
const MAX_DELAY_MS = 600_000;
/** The most attempts or events a fault may count. */
const MAX_COUNT = 1_000_000;

/** An integer in [min, max], or a readable error naming the field. */
function checkInteger(key: string, value: unknown, min: number, max: number): void {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw new Error(`x-emulator-fault: '${key}' must be an integer from ${min} to ${max}`);
  }
}

/**
 * Checks every field of a fault, so that one request can neither crash the emulator (an impossible
 * status thrown by writeHead, a delay or count that never ends) nor leave it guessing.
 */
export function checkFault(fault: Record<string, unknown>): void {
  for (const [key, value] of Object.entries(fault)) {
    if (!FAULT_KEYS.has(key)) throw new Error(`x-emulator-fault: unknown field '${key}'`);
    if (value === undefined) continue;
    switch (key) {
      case 'status':
        checkInteger(key, value, 200, 599);
        break;
      case 'firstByteDelayMs':
      case 'chunkDelayMs':
        checkInteger(key, value, 0, MAX_DELAY_MS);
        break;
      case 'failAttempts':
      case 'dropAfterEvents':
        checkInteger(key, value, 0, MAX_COUNT);
        break;
      case 'retryAfter':
        checkInteger(key, value, 0, 86_400);
        break;
      case 'policy':
        if (value !== 'deny') throw new Error(`x-emulator-fault: 'policy' must be "deny"`);
        break;
      case 'guardrail':
        if (typeof value !== 'string' || !GUARDRAIL_KINDS.has(value)) throw new Error(`x-emulator-fault: 'guardrail' must be one of "prompt", "response", "no-credits", "unavailable"`);
        break;
      case 'spendCap': {
        if (value === true) break;
        if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new Error(`x-emulator-fault: 'spendCap' must be true or { bucket?, spent?, limit? }`);
        const { bucket, spent, limit, ...rest } = value as Record<string, unknown>;
        if (Object.keys(rest).length > 0) throw new Error(`x-emulator-fault: unknown field 'spendCap.${Object.keys(rest)[0]}'`);
        if (bucket !== undefined && (typeof bucket !== 'string' || bucket.length > 256)) throw new Error(`x-emulator-fault: 'spendCap.bucket' must be a string of at most 256 characters`);
        for (const [name, amount] of [['spent', spent], ['limit', limit]] as const) {
          if (amount !== undefined && (typeof amount !== 'number' || !Number.isFinite(amount) || amount < 0)) throw new Error(`x-emulator-fault: 'spendCap.${name}' must be a number of at least 0`);
        }
        break;
      }
      case 'unifiedBillingRateLimit':
      case 'workersAiBusy':
      case 'reset':
      case 'malformed':
        if (typeof value !== 'boolean') throw new Error(`x-emulator-fault: '${key}' must be true or false`);
        break;
      case 'stepHeader':
        if (typeof value !== 'string' || !/^[\x20-\x7e]{0,256}$/.test(value)) throw new Error(`x-emulator-fault: 'stepHeader' must be a printable ASCII string of at most 256 characters`);
        break;
      case 'gatewayError': {
        const spec = typeof value === 'number' ? { code: value } : value;
        if (spec === null || typeof spec !== 'object' || Array.isArray(spec)) {
          throw new Error(`x-emulator-fault: 'gatewayError' must be a code or { code?, status?, message?, shape?, fields?, stepHeader?, retryAfter? }`);
        }
        const { code, status, message, shape, fields, stepHeader, retryAfter, ...rest } = spec as Record<string, unknown>;
        if (Object.keys(rest).length > 0) throw new Error(`x-emulator-fault: unknown field 'gatewayError.${Object.keys(rest)[0]}'`);
        if (code !== undefined) checkInteger('gatewayError.code', code, 1, 99_999);
        if (status !== undefined) checkInteger('gatewayError.status', status, 200, 599);
        if (retryAfter !== undefined) checkInteger('gatewayError.retryAfter', retryAfter, 0, 86_400);
        if (message !== undefined && (typeof message !== 'string' || message.length > 4096)) throw new Error(`x-emulator-fault: 'gatewayError.message' must be a string of at most 4096 characters`);
        if (shape !== undefined && shape !== 'list' && shape !== 'object') throw new Error(`x-emulator-fault: 'gatewayError.shape' must be "list" or "object"`);
        if (stepHeader !== undefined && typeof stepHeader !== 'boolean') throw new Error(`x-emulator-fault: 'gatewayError.stepHeader' must be true or false`);
        if (fields !== undefined && (fields === null || typeof fields !== 'object' || Array.isArray(fields) || JSON.stringify(fields).length > 4096)) {
          throw new Error(`x-emulator-fault: 'gatewayError.fields' must be an object of at most 4096 characters as JSON`);
        }
        break;
      }
    }
  }
}

/** Parses an `x-emulator-fault` value; throws a readable error on bad JSON, an unknown field or a value out of bounds. */
export function parseFaultHeader(options: { value: unknown }): EmulatorFault | undefined {
  const { value } = options;
  if (value === undefined || value === '') return undefined;
  const parsed: unknown = typeof value === 'string' ? JSON.parse(value) : value;
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new Error('x-emulator-fault must be a JSON object');
  }
  checkFault(parsed as Record<string, unknown>);
  return parsed;
}

/** The store behind `emulator.faults`, and the per-request view used by the gateway. */
export class FaultStore implements FaultControls {
  #rules: EmulatorFaultRule[] = [];

  set(rule: EmulatorFaultRule | EmulatorFaultRule[]): void {
    this.#rules = (Array.isArray(rule) ? rule : [rule]).map((r) => ({ ...r }));
  }

  add(rule: EmulatorFaultRule): void {
    this.#rules.push({ ...rule });
  }

  clear(): void {
    this.#rules = [];
  }

  list(): EmulatorFaultRule[] {
    return this.#rules.map((r) => ({ ...r }));
  }

  /** The rules as they are when a request starts (that request keeps seeing them). */
  snapshot(): readonly EmulatorFaultRule[] {
    return [...this.#rules];
  }

  /**
   * The merged fault of the rules matching a step; a rule with `times` counts once per request
   * (tracked in `used`) and disappears when spent.
   */
  match(options: { rules: readonly EmulatorFaultRule[]; step: number; provider: string; used: Set<EmulatorFaultRule> }): EmulatorFault {
    let merged: EmulatorFault = {};
    for (const rule of options.rules) {
      if (rule.step !== undefined && rule.step !== options.step) continue;
      if (rule.provider !== undefined && rule.provider !== options.provider) continue;
      if (!options.used.has(rule)) {
        if (rule.times !== undefined && rule.times <= 0) continue;
        options.used.add(rule);
        if (rule.times !== undefined) {
          rule.times -= 1;
          if (rule.times <= 0) this.#rules = this.#rules.filter((r) => r !== rule);
        }
      }
      const { step: _step, provider: _provider, times: _times, ...fault } = rule;
      merged = { ...merged, ...fault };
    }
    return merged;
  }
}
