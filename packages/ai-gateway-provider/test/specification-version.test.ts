import { AiGatewayInvalidOptionsError } from '@aigw/errors';
import { describe, expect, it } from 'vitest';
import { checkSpecificationVersion, commonSpecificationVersion } from '../src/specification-version';

describe('specification versions', () => {
  it.each(['v2', 'v3', 'v4'] as const)('accepts %s for every kind but reranking, which starts at v3', (version) => {
    for (const kind of ['language', 'embedding', 'image', 'speech', 'transcription'] as const) {
      expect(checkSpecificationVersion({ value: version, where: 'model', kind })).toBe(version);
    }
    if (version === 'v2') expect(() => checkSpecificationVersion({ value: version, where: 'model', kind: 'reranking' })).toThrow(/"v3" \(AI SDK 6\), "v4" \(AI SDK 7\)/);
    else expect(checkSpecificationVersion({ value: version, where: 'model', kind: 'reranking' })).toBe(version);
  });

  it.each([['v1'], ['v5'], [undefined], [4]])('refuses %j, naming the option and the versions allowed', (value) => {
    const check = () => checkSpecificationVersion({ value, where: 'models[2]', kind: 'language' });
    expect(check).toThrow(AiGatewayInvalidOptionsError);
    expect(check).toThrow('Invalid AI Gateway option "models[2].specificationVersion"');
    expect(check).toThrow('expected "v2" (AI SDK 5), "v3" (AI SDK 6), "v4" (AI SDK 7)');
  });

  it('gives the one version of a list, and refuses a list that mixes them at the first odd leg', () => {
    expect(commonSpecificationVersion(['v3', 'v3', 'v3'])).toBe('v3');
    expect(() => commonSpecificationVersion(['v2', 'v2', 'v4'])).toThrow(
      'Invalid AI Gateway option "models[2].specificationVersion": differs from models[0]\'s "v2" (AI SDK 5): one fallback list cannot mix AI SDK generations (got "v4")',
    );
  });
});
