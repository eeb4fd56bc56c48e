import { readdirSync, readFileSync } from 'node:fs';
import { defineConfig, type Options } from 'tsup';

const providers = readdirSync('src/providers')
  .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts') && !['gateway-defaults.ts', 'import-peer.ts'].includes(f))
  .map((f) => `src/providers/${f}`);

const shared: Options = {
  format: ['esm'],
  dts: true,
  sourcemap: true,
  target: 'es2022',
  // Minified (whitespace, identifiers, syntax): the code an app loads as shipped. Error names are
  // strings set by each class, never a class's own name. The source maps carry their sources, so
  // `node --enable-source-maps` (and a debugger) name the `src/*.ts` line of a stack frame.
  minify: true,
};

/**
 * The CommonJS build of a `providers/*` sub-path. Its ESM source loads the vendor package with a
 * top-level `await importPeer(name, subPath, () => import(name))`, which `require()` cannot run
 * (`ERR_REQUIRE_ASYNC_MODULE`); here the same line becomes `requirePeer(name, subPath, () => require(name))`,
 * so `require('ai-gateway-provider/providers/openai')` loads the vendor's own CommonJS build and a
 * missing package still fails with `AiGatewayMissingDependencyError`. Everything else it needs
 * (`@aigw/core`) is required from the package's ESM build, one instance for both.
 */
const requirePeers = {
  name: 'require-peers',
  setup(build: {
    initialOptions: { format?: string };
    onLoad: (options: { filter: RegExp }, load: (args: { path: string }) => { contents: string; loader: 'ts' }) => void;
  }) {
    if (build.initialOptions.format !== 'cjs') return;
    build.onLoad({ filter: /[\\/]src[\\/]providers[\\/][a-z-]+\.ts$/ }, ({ path }) => {
      const source = readFileSync(path, 'utf8');
      if (!source.includes('await importPeer(')) return { contents: source, loader: 'ts' };
      const contents = source
        .replace(/\bimport \{ importPeer \} from '\.\/import-peer';/, "import { requirePeer } from './import-peer';")
        .replace(/\bawait importPeer\(('[^']+', '[^']+'), \(\) => import\(('[^']+')\)\)/g, 'requirePeer($1, () => require($2))');
      if (contents.includes('await ') || contents.includes('import(')) throw new Error(`${path}: a top-level await is left for the CommonJS build`);
      return { contents, loader: 'ts' };
    });
  },
};

// Two builds: the main entry shares no chunk with the provider entries, so its import loads one file
// of ours (a shared chunk is one more module to resolve, load and link at every app's start).
export default defineConfig([
  { ...shared, entry: ['src/index.ts'], outDir: 'dist', clean: ['!providers/**'] },
  // The sub-paths in ESM and, for `require()`, in CommonJS (`.cjs` with `.d.cts`, one file each).
  { ...shared, format: ['esm', 'cjs'], entry: providers, outDir: 'dist/providers', clean: true, esbuildPlugins: [requirePeers] },
]);
