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
 */
export function schemaInstance(schema: unknown, text: string): unknown {
  return instance(schema, { root: schema, text, depth: 0 });
}

interface Walk {
  root: unknown;
  text: string;
  depth: number;
}

type Schema = Record<string, unknown>;

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

function resolveRef(ref: string, root: unknown): unknown {
  if (ref === '#') return root;
  if (!ref.startsWith('#/')) return {};
  let node: unknown = root;
  for (const raw of ref.slice(2).split('/')) {
    const key = decodeURIComponent(raw).replace(/~1/g, '/').replace(/~0/g, '~');
    node = isSchema(node) ? node[key] : undefined;
  }
  return node ?? {};
}

function firstType(schema: Schema): string | undefined {
  const { type } = schema;
  if (typeof type === 'string') return type.toLowerCase();
  if (Array.isArray(type)) {
    const types = type.filter((t): t is string => typeof t === 'string').map((t) => t.toLowerCase());
    return types.find((t) => t !== 'null') ?? types[0];
  }
  if (isSchema(schema.properties)) return 'object';
  if (schema.items !== undefined || schema.prefixItems !== undefined) return 'array';
  return undefined;
}

function numberOr(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

function instance(node: unknown, walk: Walk): unknown {
  if (node === true || node === undefined) return walk.text;
  if (!isSchema(node)) return null;
  if (typeof node.$ref === 'string') {
    if (walk.depth > 12) return {};
    return instance(resolveRef(node.$ref, walk.root), { ...walk, depth: walk.depth + 1 });
  }
  if ('const' in node) return node.const;
  if (Array.isArray(node.enum) && node.enum.length > 0) return node.enum[0];
  for (const key of ['anyOf', 'oneOf'] as const) {
    const branches: unknown = node[key];
    if (Array.isArray(branches) && branches.length > 0) {
      const list = branches as unknown[];
      const chosen = list.find((b) => !(isSchema(b) && typeof b.type === 'string' && b.type.toLowerCase() === 'null')) ?? list[0];
      return instance(isSchema(chosen) ? { ...withoutKey(node, key), ...chosen } : chosen, walk);
    }
  }
  if (Array.isArray(node.allOf) && node.allOf.length > 0) {
    const parts = (node.allOf as unknown[]).map((part) => instance(part, walk));
    const rest = withoutKey(node, 'allOf');
    const base = Object.keys(rest).length > 0 ? [instance(rest, walk)] : [];
    const all = [...base, ...parts];
    if (all.every(isSchema)) return Object.assign({}, ...all) as unknown;
    return all[0];
  }
  switch (firstType(node)) {
    case 'null':
      return null;
    case 'boolean':
      return true;
    case 'integer':
    case 'number':
      return numberInstance(node, firstType(node) === 'integer');
    case 'array':
      return arrayInstance(node, walk);
    case 'object':
      return objectInstance(node, walk);
    default:
      return stringInstance(node, walk.text);
  }
}

function withoutKey(schema: Schema, key: string): Schema {
  const copy = { ...schema };
  delete copy[key];
  return copy;
}

function stringInstance(schema: Schema, text: string): string {
  let value = typeof schema.format === 'string' && formatSamples[schema.format] !== undefined ? formatSamples[schema.format]! : text;
  const min = numberOr(schema.minLength);
  const max = numberOr(schema.maxLength);
  if (max !== undefined && Array.from(value).length > max) value = Array.from(value).slice(0, max).join('');
  if (min !== undefined && Array.from(value).length < min) value = value.padEnd(min, '.');
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
  if (walk.depth > 12) return [];
  const inner = { ...walk, depth: walk.depth + 1 };
  const prefix = Array.isArray(schema.prefixItems) ? schema.prefixItems.map((item) => instance(item, inner)) : [];
  const maxItems = numberOr(schema.maxItems);
  const count = Math.max(numberOr(schema.minItems) ?? 0, maxItems === 0 ? 0 : 1) - prefix.length;
  const items: unknown = Array.isArray(schema.items) ? (schema.items as unknown[])[0] : schema.items;
  const rest = Array.from({ length: Math.max(0, count) }, () => instance(items ?? true, inner));
  return [...prefix, ...rest];
}

function objectInstance(schema: Schema, walk: Walk): Record<string, unknown> {
  if (walk.depth > 12) return {};
  const inner = { ...walk, depth: walk.depth + 1 };
  const out: Record<string, unknown> = {};
  if (isSchema(schema.properties)) {
    for (const [key, property] of Object.entries(schema.properties)) out[key] = instance(property, inner);
  }
  return out;
}
