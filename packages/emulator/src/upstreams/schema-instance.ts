import { DEFAULT_UPSTREAM_LIMITS, UpstreamLimitError, type UpstreamLimits } from './limits.js';

/**
 * A deterministic instance of a JSON schema, used for tool-call arguments and structured output:
 * strings are the given text (or a fixed sample for `format`s such as date-time, email, uri,
 * uuid; clipped or padded to min/maxLength; type names are case-insensitive, so Google's
 * OpenAPI-style `OBJECT`/`STRING` schemas work too), numbers and integers are 1 (moved into
 * minimum/maximum), booleans true, null null, `const` its value, `enum` its first value,
 * `anyOf`/`oneOf` the first non-null branch, `allOf` the merged branches, arrays `minItems`
 * elements (at least one unless maxItems is 0), objects every declared property. Local `$ref`s
 * (`#`, `#/$defs/...`, `#/definitions/...`) are followed; past a nesting depth of 12 objects are
 * `{}` and arrays `[]`.
 *
 * The work is bounded by `limits` (default {@link DEFAULT_UPSTREAM_LIMITS}): past a bound, or on a
 * `$ref` that leads back to itself without an object or array in between, it throws an
 * {@link UpstreamLimitError} before building anything large.
 */
export function schemaInstance(schema: unknown, text: string, limits: UpstreamLimits = DEFAULT_UPSTREAM_LIMITS): unknown {
  const budget: Budget = { limits, nodes: 0, refs: 0, chars: 0, resolved: new Map(), types: new WeakMap(), branches: new WeakMap() };
  return instance(schema, { root: schema, text, depth: 0, nesting: 0, pendingRefs: [], budget });
}

/** What one instance may still spend, shared by the whole walk. */
interface Budget {
  limits: UpstreamLimits;
  nodes: number;
  refs: number;
  /** Characters of JSON text produced so far (escapes not counted). */
  chars: number;
  /** Each `$ref` string is resolved once. */
  resolved: Map<string, unknown>;
  /** The chosen type of each `type` array, and the chosen branch of each `anyOf`/`oneOf` list. */
  types: WeakMap<unknown[], string | undefined>;
  branches: WeakMap<unknown[], unknown>;
}

interface Walk {
  root: unknown;
  text: string;
  /** Objects, arrays and `$ref`s entered (the depth past which the instance is cut short). */
  depth: number;
  /** Schema nodes entered, combinators included (the hard bound). */
  nesting: number;
  /** The `$ref`s followed since the last object or array: one seen again is a cycle. */
  pendingRefs: readonly string[];
  budget: Budget;
}

type Schema = Record<string, unknown>;

/** Past this many nested objects, arrays and `$ref`s, objects are `{}` and arrays `[]`. */
const CUT_DEPTH = 12;

const formatSamples: Record<string, string> = {
  'date-time': '2026-01-01T00:00:00Z',
  date: '2026-01-01',
  time: '00:00:00Z',
  email: 'user@example.com',
  'idn-email': 'user@example.com',
  uri: 'https://example.com/',
  url: 'https://example.com/',
  'uri-reference': 'https://example.com/',
  iri: 'https://example.com/',
  uuid: '00000000-0000-4000-8000-000000000000',
  hostname: 'example.com',
  ipv4: '127.0.0.1',
  ipv6: '::1',
  duration: 'P1D',
};

function isSchema(value: unknown): value is Schema {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function tooLarge(message: string): UpstreamLimitError {
  return new UpstreamLimitError({ status: 413, message: `${message}; the emulator does not generate it` });
}

/** Counts `chars` of output, throwing once the instance would be larger than the limit. */
function charge(budget: Budget, chars: number): void {
  budget.chars += chars;
  if (budget.chars > budget.limits.generatedChars) {
    throw tooLarge(`The schema's instance is larger than ${budget.limits.generatedChars} characters of JSON (limit generatedChars)`);
  }
}

/** Charges the JSON size of a value copied from the schema (`const`, `enum`), stopping at the limit. */
function chargeValue(budget: Budget, value: unknown): void {
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const next = stack.pop();
    if (typeof next === 'string') charge(budget, next.length + 2);
    else if (Array.isArray(next)) {
      charge(budget, 2 + next.length);
      for (const item of next) stack.push(item);
    } else if (isSchema(next)) {
      for (const [key, item] of Object.entries(next)) {
        charge(budget, key.length + 4);
        stack.push(item);
      }
      charge(budget, 2);
    } else charge(budget, String(next).length);
  }
}

function resolveRef(ref: string, walk: Walk): unknown {
  const { budget } = walk;
  if (budget.resolved.has(ref)) return budget.resolved.get(ref);
  let node: unknown = {};
  if (ref === '#') node = walk.root;
  else if (ref.startsWith('#/')) {
    node = walk.root;
    for (const raw of ref.slice(2).split('/')) {
      let key = raw;
      try {
        key = decodeURIComponent(raw);
      } catch {
        // not percent-encoded: the segment as it is
      }
      key = key.replace(/~1/g, '/').replace(/~0/g, '~');
      node = isSchema(node) ? node[key] : undefined;
    }
    node ??= {};
  }
  budget.resolved.set(ref, node);
  return node;
}

function firstType(schema: Schema, budget: Budget): string | undefined {
  const { type } = schema;
  if (typeof type === 'string') return type.toLowerCase();
  if (Array.isArray(type)) {
    if (budget.types.has(type)) return budget.types.get(type);
    let first: string | undefined;
    let chosen: string | undefined;
    for (const t of type as unknown[]) {
      if (typeof t !== 'string') continue;
      const lower = t.toLowerCase();
      first ??= lower;
      if (lower !== 'null') {
        chosen = lower;
        break;
      }
    }
    budget.types.set(type, chosen ?? first);
    return chosen ?? first;
  }
  if (isSchema(schema.properties)) return 'object';
  if (schema.items !== undefined || schema.prefixItems !== undefined) return 'array';
  return undefined;
}

function numberOr(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

/** The first branch that is not `{type: 'null'}` (else the first), chosen once per list. */
function chosenBranch(list: unknown[], budget: Budget): unknown {
  if (budget.branches.has(list)) return budget.branches.get(list);
  const chosen = list.find((b) => !(isSchema(b) && typeof b.type === 'string' && b.type.toLowerCase() === 'null')) ?? list[0];
  budget.branches.set(list, chosen);
  return chosen;
}

function instance(node: unknown, parent: Walk): unknown {
  const { budget } = parent;
  const { limits } = budget;
  if (++budget.nodes > limits.schemaNodes) throw tooLarge(`The schema expands to more than ${limits.schemaNodes} schema nodes (limit schemaNodes)`);
  const walk: Walk = { ...parent, nesting: parent.nesting + 1 };
  if (walk.nesting > limits.schemaNesting) {
    throw new UpstreamLimitError({ status: 400, message: `The schema is nested more than ${limits.schemaNesting} levels deep (limit schemaNesting)` });
  }
  if (node === true || node === undefined) return stringInstance({}, walk);
  if (!isSchema(node)) {
    charge(budget, 4);
    return null;
  }
  if (typeof node.$ref === 'string') return refInstance(node.$ref, walk);
  if ('const' in node) {
    chargeValue(budget, node.const);
    return node.const;
  }
  if (Array.isArray(node.enum) && node.enum.length > 0) {
    chargeValue(budget, node.enum[0]);
    return node.enum[0];
  }
  for (const key of ['anyOf', 'oneOf'] as const) {
    const branches: unknown = node[key];
    if (Array.isArray(branches) && branches.length > 0) {
      const chosen = chosenBranch(branches, budget);
      return instance(isSchema(chosen) ? { ...withoutKey(node, key), ...chosen } : chosen, walk);
    }
  }
  if (Array.isArray(node.allOf) && node.allOf.length > 0) return allOfInstance(node, node.allOf as unknown[], walk);
  const type = firstType(node, budget);
  switch (type) {
    case 'null':
      charge(budget, 4);
      return null;
    case 'boolean':
      charge(budget, 4);
      return true;
    case 'integer':
    case 'number': {
      const value = numberInstance(node, type === 'integer');
      charge(budget, String(value).length);
      return value;
    }
    case 'array':
      return arrayInstance(node, walk);
    case 'object':
      return objectInstance(node, walk);
    default:
      return stringInstance(node, walk);
  }
}

function refInstance(ref: string, walk: Walk): unknown {
  const { budget } = walk;
  if (walk.depth > CUT_DEPTH) {
    charge(budget, 2);
    return {};
  }
  if (walk.pendingRefs.includes(ref)) {
    throw new UpstreamLimitError({ status: 400, message: `The schema's $ref '${ref.slice(0, 200)}' leads back to itself without an object or array in between` });
  }
  if (++budget.refs > budget.limits.schemaRefs) throw tooLarge(`The schema follows more than ${budget.limits.schemaRefs} $refs (limit schemaRefs)`);
  return instance(resolveRef(ref, walk), { ...walk, depth: walk.depth + 1, pendingRefs: [...walk.pendingRefs, ref] });
}

function allOfInstance(node: Schema, parts: unknown[], walk: Walk): unknown {
  const rest = withoutKey(node, 'allOf');
  const all: unknown[] = Object.keys(rest).length > 0 ? [instance(rest, walk)] : [];
  for (const part of parts) all.push(instance(part, walk));
  if (!all.every(isSchema)) return all[0];
  const merged: Record<string, unknown> = {};
  for (const part of all) Object.assign(merged, part);
  return merged;
}

function withoutKey(schema: Schema, key: string): Schema {
  const copy = { ...schema };
  delete copy[key];
  return copy;
}

/** `value` cut to its first `max` code points, walking no further than that. */
function clip(value: string, max: number): string {
  let count = 0;
  let end = 0;
  for (const char of value) {
    if (count === max) break;
    count++;
    end += char.length;
  }
  return value.slice(0, end);
}

function codePoints(value: string): number {
  let count = 0;
  for (let i = 0; i < value.length; i++) {
    const unit = value.charCodeAt(i);
    if (unit >= 0xd800 && unit <= 0xdbff && i + 1 < value.length) {
      const next = value.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) i++;
    }
    count++;
  }
  return count;
}

function stringInstance(schema: Schema, walk: Walk): string {
  const { budget } = walk;
  const min = numberOr(schema.minLength);
  const max = numberOr(schema.maxLength);
  if (min !== undefined && min > budget.limits.stringLength) {
    throw tooLarge(`The schema demands a string of at least ${min} characters (minLength; limit stringLength ${budget.limits.stringLength})`);
  }
  let value = typeof schema.format === 'string' && formatSamples[schema.format] !== undefined ? formatSamples[schema.format]! : walk.text;
  // Charged before the string is walked or copied: at least this much of it is kept.
  charge(budget, Math.min(value.length, max ?? Infinity) + 2);
  if (max !== undefined && value.length > max) value = clip(value, Math.max(0, max));
  if (min !== undefined && codePoints(value) < min) {
    charge(budget, Math.max(0, min - value.length));
    value = value.padEnd(min, '.');
  }
  return value;
}

function numberInstance(schema: Schema, integer: boolean): number {
  let value = 1;
  const minimum = numberOr(schema.minimum);
  const maximum = numberOr(schema.maximum);
  const exclusiveMinimum = numberOr(schema.exclusiveMinimum);
  const exclusiveMaximum = numberOr(schema.exclusiveMaximum);
  if (minimum !== undefined && value < minimum) value = minimum;
  if (exclusiveMinimum !== undefined && value <= exclusiveMinimum) value = exclusiveMinimum + 1;
  if (maximum !== undefined && value > maximum) value = maximum;
  if (exclusiveMaximum !== undefined && value >= exclusiveMaximum) value = exclusiveMaximum - (integer ? 1 : 0.5);
  return integer ? Math.ceil(value) : value;
}

function arrayInstance(schema: Schema, walk: Walk): unknown[] {
  const { budget } = walk;
  charge(budget, 2);
  if (walk.depth > CUT_DEPTH) return [];
  const inner: Walk = { ...walk, depth: walk.depth + 1, pendingRefs: [] };
  const limit = budget.limits.arrayItems;
  const prefixItems = Array.isArray(schema.prefixItems) ? (schema.prefixItems as unknown[]) : [];
  const minItems = numberOr(schema.minItems) ?? 0;
  if (prefixItems.length > limit || minItems > limit) {
    throw tooLarge(`The schema demands an array of ${Math.max(prefixItems.length, minItems)} items (minItems or prefixItems; limit arrayItems ${limit})`);
  }
  const out: unknown[] = [];
  for (const item of prefixItems) {
    out.push(instance(item, inner));
    charge(budget, 1);
  }
  const maxItems = numberOr(schema.maxItems);
  const count = Math.max(0, Math.max(minItems, maxItems === 0 ? 0 : 1) - prefixItems.length);
  if (count === 0) return out;
  const items: unknown = Array.isArray(schema.items) ? (schema.items as unknown[])[0] : schema.items;
  // Every element is the same instance: built once, its size charged for each copy.
  const before = budget.chars;
  const element = instance(items ?? true, inner);
  const size = budget.chars - before + 1;
  charge(budget, 1 + size * (count - 1));
  for (let i = 0; i < count; i++) out.push(element);
  return out;
}

function objectInstance(schema: Schema, walk: Walk): Record<string, unknown> {
  const { budget } = walk;
  charge(budget, 2);
  if (walk.depth > CUT_DEPTH) return {};
  const inner: Walk = { ...walk, depth: walk.depth + 1, pendingRefs: [] };
  const out: Record<string, unknown> = {};
  if (isSchema(schema.properties)) {
    for (const [key, property] of Object.entries(schema.properties)) {
      charge(budget, key.length + 4);
      out[key] = instance(property, inner);
    }
  }
  return out;
}
