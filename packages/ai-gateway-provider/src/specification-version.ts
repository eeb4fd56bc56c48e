import type { ModelKind } from '@aigw/core';
import { invalidOption } from './invalid-option';
import type { SpecificationVersion } from './model-types';

/** The AI SDK major that speaks a specification version, for messages: v2 is AI SDK 5, v3 6, v4 7. */
const sdk = (version: SpecificationVersion) => `AI SDK ${Number(version[1]) + 3}`;

/** The specification versions a wrapper of each kind can speak (AI SDK 5 has no reranking models). */
const versionsOf = (kind: ModelKind): readonly SpecificationVersion[] => (kind === 'reranking' ? ['v3', 'v4'] : ['v2', 'v3', 'v4']);

/** Checks one model's specification version; `where` names it in the error (`models[1]`). */
export function checkSpecificationVersion(options: { value: unknown; where: string; kind: ModelKind }): SpecificationVersion {
  const allowed = versionsOf(options.kind);
  if (!allowed.includes(options.value as SpecificationVersion)) {
    throw invalidOption(
      `${options.where}.specificationVersion`,
      `is not a specification version a ${options.kind} model can be wrapped with`,
      allowed.map((v) => `"${v}" (${sdk(v)})`).join(', '),
      options.value,
    );
  }
  return options.value as SpecificationVersion;
}

/**
 * The one specification version of a fallback list. A wrapper speaks the version of the models it
 * wraps, so the AI SDK that called it can read every leg's answer; a list that mixes generations
 * (an `@ai-sdk/openai@3` model beside an `@ai-sdk/anthropic@4` one) has no such version and is refused.
 */
export function commonSpecificationVersion(versions: readonly SpecificationVersion[]): SpecificationVersion {
  const first = versions[0]!;
  const other = versions.findIndex((v) => v !== first);
  if (other !== -1) {
    throw invalidOption(
      `models[${other}].specificationVersion`,
      `differs from models[0]'s "${first}" (${sdk(first)}): one fallback list cannot mix AI SDK generations`,
      `"${first}", like models[0]: use providers of one AI SDK major (e.g. all @ai-sdk/* packages of ${sdk(first)})`,
      versions[other],
    );
  }
  return first;
}
