import type { ModelKind } from '@aigw/core';
import { AiGatewayInvalidOptionsError } from '@aigw/errors';
import type { SpecificationVersion } from './model-types';

/** The AI SDK major that speaks each specification version, for messages. */
const AI_SDK_MAJOR: Readonly<Record<SpecificationVersion, string>> = { v2: 'AI SDK 5', v3: 'AI SDK 6', v4: 'AI SDK 7' };

/** The specification versions a wrapper of each kind can speak (AI SDK 5 has no reranking models). */
const VERSIONS: Readonly<Record<ModelKind, readonly SpecificationVersion[]>> = {
  language: ['v2', 'v3', 'v4'],
  embedding: ['v2', 'v3', 'v4'],
  image: ['v2', 'v3', 'v4'],
  speech: ['v2', 'v3', 'v4'],
  transcription: ['v2', 'v3', 'v4'],
  reranking: ['v3', 'v4'],
};

const describeVersions = (versions: readonly SpecificationVersion[]) => versions.map((v) => `"${v}" (${AI_SDK_MAJOR[v]})`).join(', ');

/** Checks one model's specification version; `where` names it in the error (`models[1]`). */
export function checkSpecificationVersion(options: { value: unknown; where: string; kind: ModelKind }): SpecificationVersion {
  const allowed = VERSIONS[options.kind];
  if (!allowed.includes(options.value as SpecificationVersion)) {
    throw new AiGatewayInvalidOptionsError({
      option: `${options.where}.specificationVersion`,
      value: options.value,
      problem: `is not a specification version a ${options.kind} model can be wrapped with`,
      allowed: describeVersions(allowed),
    });
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
    throw new AiGatewayInvalidOptionsError({
      option: `models[${other}].specificationVersion`,
      value: versions[other],
      problem: `differs from models[0]'s "${first}" (${AI_SDK_MAJOR[first]}): one fallback list cannot mix AI SDK generations`,
      allowed: `"${first}", like models[0]: use providers of one AI SDK major (e.g. all @ai-sdk/* packages of ${AI_SDK_MAJOR[first]})`,
    });
  }
  return first;
}
