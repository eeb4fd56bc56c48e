import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { textShare } from '../src/bundle.ts';

const gzip = (text: string) => gzipSync(text, { level: 9 }).byteLength;

describe('textShare', () => {
  it('sets string and template literal parts apart from the code around them', () => {
    const code = 'const a="hello",b=`x${y}z${w}`,c=/"not a string"/;f(\'it\\\'s\');';
    const share = textShare(code);
    const literals = ['"hello"', '`x${', '}z${', '}`', "'it\\'s'"];
    const rest = 'const a="",b=""y""w"",c=/"not a string"/;f("");';
    expect(share).toEqual({ literalBytes: literals.join('\n').length, literalGzipBytes: gzip(literals.join('\n')), codeBytes: rest.length, codeGzipBytes: gzip(rest) });
  });

  it('leaves code without literals whole', () => {
    const code = 'export function f(a,b){return a+b}';
    expect(textShare(code)).toMatchObject({ literalBytes: 0, codeBytes: code.length });
  });
});
