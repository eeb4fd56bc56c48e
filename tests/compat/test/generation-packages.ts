// Which packages each AI SDK generation of this suite runs with: the `paths` of its
// tsconfig.<generation>.json. The type tests compile with them; vitest.config.ts turns them into the
// aliases the tests run with, and packed-install.test.ts installs their versions into its apps, so
// all three use the same packages.
import { dirname, resolve } from 'node:path';
import ts from 'typescript';

export type Generation = 'ai5' | 'ai6' | 'ai7';

const compat = new URL('../', import.meta.url).pathname;

/** Each mapped specifier and the absolute path it stands for in this generation (`ai`: `…/node_modules/ai-v5`). */
export function generationPackages(generation: Generation): Record<string, string> {
  const file = resolve(compat, `tsconfig.${generation}.json`);
  const { config, error } = ts.readConfigFile(file, (path) => ts.sys.readFile(path));
  if (error) throw new Error(`${file}: ${ts.flattenDiagnosticMessageText(error.messageText, '\n')}`);
  const paths = (config as { compilerOptions?: { paths?: Record<string, string[]> } }).compilerOptions?.paths ?? {};
  return Object.fromEntries(
    Object.entries(paths).map(([specifier, targets]) => {
      if (specifier.includes('*') || targets.length !== 1) throw new Error(`${file}: paths["${specifier}"] must name one exact target`);
      return [specifier, resolve(dirname(file), targets[0]!)];
    }),
  );
}
