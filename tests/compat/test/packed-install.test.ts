// The packed tarballs, installed with npm into apps outside the workspace, as a user installs them:
// an AI SDK 5 app and an AI SDK 6 app keep their own @ai-sdk/provider and type-check their own
// LanguageModelV2/V3 code with the facade; a call goes through the gateway (the emulator) with
// `import` and with `require()`; `require()` of every export of every public package works on
// Node 20.19, 22.12 and this Node (24); a stack trace names the shipped (minified) file, and its
// src/*.ts line under --enable-source-maps.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { echoText } from '@aigw/emulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pack, publicPackages as workspacePublicPackages, root } from '../../../scripts/workspace.mjs';
import { generationPackages } from './generation-packages';
import { useEmulator } from './helpers';

const compat = new URL('../', import.meta.url).pathname;
const work = mkdtempSync(join(tmpdir(), 'aigw-packed-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

type Manifest = { name: string; version: string; private?: boolean; exports?: Record<string, unknown> };
const read = (path: string) => JSON.parse(readFileSync(path, 'utf8')) as Manifest;
const publicPackages = workspacePublicPackages();

/** Every public package packed once (`pnpm pack` turns `workspace:^` into a range): name to tarball. */
function packAll(): Record<string, string> {
  const out = join(work, 'tarballs');
  mkdirSync(out);
  return Object.fromEntries(publicPackages.map(({ path, manifest }) => [manifest.name, pack(path, out)]));
}

/** The version of the package installed in a folder. */
const versionAt = (folder: string) => read(join(folder, 'package.json')).version;
/** The installed version of a package this suite pins (tests/compat's own npm aliases). */
const pinned = (alias: string) => versionAt(join(compat, 'node_modules', alias));
/** The version of `name` that the suite runs AI SDK `ai` with (test/generation-packages.ts). */
const generationVersion = (ai: 5 | 6 | 7, name: string) => versionAt(generationPackages(`ai${ai}`)[name]!);

/** An app folder with these dependencies, installed by npm from the registry and the tarballs. */
function installApp(name: string, dependencies: Record<string, string>): string {
  const app = join(work, name);
  mkdirSync(app);
  writeFileSync(join(app, 'package.json'), JSON.stringify({ name, version: '1.0.0', private: true, dependencies }, null, 2));
  execFileSync('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', '--loglevel=error'], { cwd: app, stdio: ['ignore', 'ignore', 'inherit'] });
  return app;
}

/** The version of every copy of `name` in the app's node_modules (the top one first). */
function installedVersions(app: string, name: string): string[] {
  const found: string[] = [];
  const walk = (modules: string) => {
    if (!existsSync(modules)) return;
    const own = join(modules, name, 'package.json');
    if (existsSync(own)) found.push(read(own).version);
    for (const entry of readdirSync(modules)) {
      const folders = entry.startsWith('@') ? readdirSync(join(modules, entry)).map((e) => join(entry, e)) : [entry];
      for (const folder of folders) walk(join(modules, folder, 'node_modules'));
    }
  };
  walk(join(app, 'node_modules'));
  return found;
}

/**
 * Runs a script file in the app with `node` (this Node unless given); resolves to its output once it
 * exits. Asynchronous: the emulator answering the script runs in this process.
 */
function run(app: string, file: string, source: string, options: { node?: string; args?: string[]; env?: Record<string, string> } = {}) {
  writeFileSync(join(app, file), source);
  return new Promise<{ status: number | null; stdout: string; stderr: string }>((resolve, reject) => {
    // Without NODE_PATH: pnpm sets it for its scripts to the workspace's modules, where require() would find what the app lacks.
    const { NODE_PATH: _workspace, ...env } = process.env;
    const child = spawn(options.node ?? process.execPath, [...(options.args ?? []), file], { cwd: app, env: { ...env, ...options.env } });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

/** `tsc --noEmit` on one file of the app, with TypeScript's own template settings (strict, skipLibCheck). */
function typecheck(app: string, file: string, source: string): string {
  writeFileSync(join(app, file), source);
  const tsc = join(compat, 'node_modules', 'typescript', 'bin', 'tsc');
  const args = [tsc, '--noEmit', '--strict', '--skipLibCheck', '--target', 'es2022', '--module', 'nodenext', '--moduleResolution', 'nodenext', '--types', 'node', '--typeRoots', join(compat, 'node_modules', '@types'), file];
  const result = spawnSync(process.execPath, args, { cwd: app, encoding: 'utf8' });
  return `${result.stdout}${result.stderr}`.trim();
}

/** esbuild, the bundler wrangler (Cloudflare Workers) uses: the workspace's copy, through tsup. */
const esbuild = createRequire(join(root, 'node_modules', 'tsup', 'package.json'))('esbuild') as {
  build(options: Record<string, unknown>): Promise<{ outputFiles: { text: string }[] }>;
};

const t = useEmulator();
const settingsEnv = () => ({ AIGW_SETTINGS: JSON.stringify(t.settings()) });

/** A call through the gateway from the app, with its own `ai` and `@ai-sdk/openai`, by `import`. */
const callByImport = `
import { generateText } from 'ai';
import { createOpenAI } from '@ai-sdk/openai';
import { createAiGateway } from 'ai-gateway-provider';
const aigateway = createAiGateway(JSON.parse(process.env.AIGW_SETTINGS));
const result = await generateText({ model: aigateway(createOpenAI({ apiKey: 'sk-app' }).chat('gpt-5-mini')), prompt: 'packed import' });
console.log(JSON.stringify({ text: result.text }));
`;

/** The same by `require()`, with the keyless `providers/openai` sub-path (the gateway's stored key). */
const callByRequire = `
const { generateText } = require('ai');
const { createAiGateway } = require('ai-gateway-provider');
const { openai } = require('ai-gateway-provider/providers/openai');
const aigateway = createAiGateway(JSON.parse(process.env.AIGW_SETTINGS));
generateText({ model: aigateway(openai.chat('gpt-5-mini')), prompt: 'packed require' }).then((result) => console.log(JSON.stringify({ text: result.text })));
`;

/** The facade's packages: tarballs as direct dependencies, so npm takes @aigw/* from them, not the registry. */
const ours = (tarballs: Record<string, string>, names: string[]) => Object.fromEntries(names.map((name) => [name, `file:${tarballs[name]}`]));
const facade = ['ai-gateway-provider', '@aigw/core', '@aigw/errors', '@aigw/transport-http', '@aigw/transport-binding'];

let tarballs: Record<string, string>;
beforeAll(() => {
  tarballs = packAll();
});

/** An app of AI SDK 5 or 6, with the `ai` and `@ai-sdk/openai` the suite runs that generation with, and its specification's types. */
const generationApp = (ai: 5 | 6) => {
  const providerMajor = Number(generationVersion(ai, '@ai-sdk/provider').split('.')[0]);
  return { ai, providerMajor, type: `LanguageModelV${providerMajor}`, aiVersion: generationVersion(ai, 'ai'), openaiVersion: generationVersion(ai, '@ai-sdk/openai') };
};

describe.each([generationApp(5), generationApp(6)])('an AI SDK $ai app (ai@$ai) that installs ai-gateway-provider', ({ ai, providerMajor, type, aiVersion, openaiVersion }) => {
  let app: string;
  beforeAll(() => {
    app = installApp(`app-ai${ai}`, { ai: aiVersion, '@ai-sdk/openai': openaiVersion, zod: pinned('zod'), ...ours(tarballs, facade) });
  });

  it(`keeps @ai-sdk/provider ${providerMajor} (no AI SDK 7 package installed)`, () => {
    const versions = installedVersions(app, '@ai-sdk/provider');
    expect(versions.length).toBeGreaterThan(0);
    for (const version of versions) expect(version.split('.')[0]).toBe(String(providerMajor));
    expect(installedVersions(app, '@ai-sdk/openai-compatible')).toEqual([]);
    expect(installedVersions(app, 'ai')).toEqual([aiVersion]);
  });

  it(`a file using ${type} from @ai-sdk/provider with the facade type-checks`, () => {
    const source = `import type { ${type} } from '@ai-sdk/provider';
import { createOpenAI } from '@ai-sdk/openai';
import { createAiGateway } from 'ai-gateway-provider';
import { generateText } from 'ai';

const aigateway = createAiGateway({ accountId: 'a', gateway: 'g', apiKey: 'k' });
const own: ${type} = createOpenAI({ apiKey: 'k' }).chat('gpt-5-mini');
const wrapped: ${type} = aigateway(own);
export const call = () => generateText({ model: wrapped, prompt: 'typed' });
`;
    expect(typecheck(app, 'typed.mts', source)).toBe('');
    // The check can fail: a v4 model where the app expects its own generation's type does not compile.
    expect(typecheck(app, 'wrong.mts', `import type { ${type} } from '@ai-sdk/provider';\nexport const m: ${type} = { specificationVersion: 'v4' } as { specificationVersion: 'v4' };\n`)).toMatch(/error TS/);
  });

  it('calls through the gateway with import and with require()', async () => {
    const imported = await run(app, 'import.mjs', callByImport, { env: settingsEnv() });
    expect(imported.stderr).toBe('');
    expect(JSON.parse(imported.stdout)).toEqual({ text: echoText('packed import') });
    const required = await run(app, 'require.cjs', callByRequire, { env: settingsEnv() });
    expect(JSON.parse(required.stdout)).toEqual({ text: echoText('packed require') });
    expect(t.emulator.calls.map((call) => call.requestHeaders['cf-aig-authorization'] !== undefined)).toEqual([true, true]);
  });

  it("takes createAI's and 4.x's ways in from the packed install: per-model options, providerOptions.cloudflare, createAI's method names, findGatewayError", async () => {
    const source = `
const { generateText } = require('ai');
const { createOpenAI } = require('@ai-sdk/openai');
const { createAiGateway, findGatewayError } = require('ai-gateway-provider');
const aigateway = createAiGateway(JSON.parse(process.env.AIGW_SETTINGS));
const vendor = createOpenAI({ apiKey: 'sk-app' });
(async () => {
  const ok = await generateText({ model: aigateway(vendor.chat('gpt-5-mini'), { cacheTtl: 120 }), prompt: 'per model', providerOptions: { cloudflare: { metadata: { user: 'u-1' } } } });
  let found;
  const failing = createOpenAI({ apiKey: 'sk-app', headers: { 'x-emulator-fault': JSON.stringify({ gatewayError: 2021 }) } }).chat('gpt-5-mini');
  try { await generateText({ model: aigateway(failing), prompt: 'fails', maxRetries: 0 }); } catch (error) { const g = findGatewayError(error); found = g ? { name: g.name, code: g.code } : null; }
  let refused;
  try { aigateway(vendor.chat('gpt-5-mini'), { fallback: [] }); } catch (error) { refused = error.name; }
  const aliases = ['embedding', 'image', 'speech', 'transcription', 'reranking'].every((name) => typeof aigateway[name] === 'function');
  console.log(JSON.stringify({ text: ok.text, found, refused, aliases }));
})();
`;
    const result = await run(app, 'switching.cjs', source, { env: settingsEnv() });
    expect(result.stderr).toBe('');
    expect(JSON.parse(result.stdout)).toEqual({
      text: echoText('per model'),
      found: { name: 'AI_AiGatewayInsufficientCreditsError', code: 2021 },
      refused: 'AI_AiGatewayInvalidOptionsError',
      aliases: true,
    });
    const first = t.emulator.calls[0]!;
    expect(first.requestHeaders['cf-aig-cache-ttl']).toBe('120');
    expect(JSON.parse(first.requestHeaders['cf-aig-metadata']!)).toEqual({ user: 'u-1' });
    expect(t.emulator.calls).toHaveLength(2);
  });

  it('a model id, whose @ai-sdk/openai-compatible is not installed, fails on its call with AiGatewayMissingDependencyError naming it and its major', async () => {
    const source = `
const { createAiGateway } = require('ai-gateway-provider');
const aigateway = createAiGateway({ ...JSON.parse(process.env.AIGW_SETTINGS), cloudflareApiToken: 'cf-token' });
const model = aigateway('@cf/meta/llama-3.1-8b-instruct');
model.doGenerate({ prompt: [{ role: 'user', content: [{ type: 'text', text: 'id' }] }] }).then(
  () => console.log(JSON.stringify({ sent: true })),
  (error) => {
    let e = error;
    while (e && e.name !== 'AI_AiGatewayMissingDependencyError') e = e.cause;
    console.log(JSON.stringify({ outer: error.name, name: e && e.name, packageName: e && e.packageName, message: e && e.message }));
  },
);
`;
    const result = await run(app, 'id.cjs', source, { env: settingsEnv() });
    const out = JSON.parse(result.stdout) as Record<string, string>;
    expect(out).toMatchObject({ name: 'AI_AiGatewayMissingDependencyError', packageName: '@ai-sdk/openai-compatible' });
    expect(out.message).toContain('(^3.0.0 for AI SDK 7)');
    expect(out.message).toContain('npm install @ai-sdk/openai-compatible');
    expect(t.emulator.calls).toHaveLength(0);
  });

  it('a bundler builds the app (a Worker) without @ai-sdk/openai-compatible installed', async () => {
    writeFileSync(join(app, 'worker.mjs'), "import { createAiGateway } from 'ai-gateway-provider';\nexport default { fetch: () => new Response(typeof createAiGateway) };\n");
    const result = await esbuild.build({
      absWorkingDir: app,
      entryPoints: ['worker.mjs'],
      bundle: true,
      write: false,
      format: 'esm',
      platform: 'neutral',
      conditions: ['workerd', 'worker'],
      mainFields: ['module', 'main'],
      logLevel: 'silent',
    });
    // The package stays a runtime import, reached only by a model id's first call.
    expect(result.outputFiles[0]!.text).toContain('import("@ai-sdk/openai-compatible")');
  });

  it('a providers/* sub-path whose vendor package is not installed fails on import and on require() with AiGatewayMissingDependencyError', async () => {
    const expected = {
      name: 'AI_AiGatewayMissingDependencyError',
      packageName: '@ai-sdk/xai',
      message:
        'ai-gateway-provider/providers/xai needs the package @ai-sdk/xai (^2.0.0 for AI SDK 5, ^3.0.0 for AI SDK 6, ^4.0.0 || ^5.0.0 for AI SDK 7), which is not installed: npm install @ai-sdk/xai',
    };
    const report = 'console.log(JSON.stringify({ name: e.name, packageName: e.packageName, message: e.message }))';
    const required = await run(app, 'missing.cjs', `try { require('ai-gateway-provider/providers/xai'); } catch (e) { ${report}; }`);
    expect(JSON.parse(required.stdout)).toEqual(expected);
    const imported = await run(app, 'missing.mjs', `try { await import('ai-gateway-provider/providers/xai'); } catch (e) { ${report}; }`);
    expect(JSON.parse(imported.stdout)).toEqual(expected);
  });
});

/** A Node binary of this version, installed once as the `node-<platform>-<arch>` npm package under tests/compat/.node/. */
function nodeBinary(version: string): string {
  const prefix = join(compat, '.node', version);
  const binary = join(prefix, 'node_modules', `node-${process.platform}-${process.arch}`, 'bin', 'node');
  if (!existsSync(binary)) {
    mkdirSync(prefix, { recursive: true });
    writeFileSync(join(prefix, 'package.json'), '{"private":true}');
    execFileSync('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', '--loglevel=error', '--no-save', `node-${process.platform}-${process.arch}@${version}`], {
      cwd: prefix,
      stdio: ['ignore', 'ignore', 'inherit'],
    });
  }
  return binary;
}

describe('require() of every export of every public package', () => {
  let app: string;
  const specifiers = publicPackages.flatMap(({ manifest }) =>
    Object.keys(manifest.exports ?? { '.': null })
      .filter((key) => !key.endsWith('package.json'))
      .map((key) => `${manifest.name}${key.slice(1)}`),
  );
  beforeAll(() => {
    // AI SDK 7 with every vendor package a providers/* sub-path loads, at the versions the repository tests.
    const facadeManifest = read(join(root, 'packages', 'ai-gateway-provider', 'package.json')) as Manifest & { devDependencies: Record<string, string>; peerDependencies: Record<string, string> };
    const vendors = Object.fromEntries(Object.keys(facadeManifest.peerDependencies).map((name) => [name, facadeManifest.devDependencies[name]!]));
    // vitest: @aigw/core/testing (the conformance suite for transports) runs in it.
    app = installApp('app-require', { ai: generationVersion(7, 'ai'), zod: pinned('zod'), vitest: pinned('vitest'), ...vendors, ...ours(tarballs, [...facade, '@aigw/emulator']) });
  });

  it('covers every package and sub-path', () => {
    expect(specifiers).toEqual(expect.arrayContaining(['ai-gateway-provider', 'ai-gateway-provider/providers/openai', 'ai-gateway-provider/providers/unified', '@aigw/core', '@aigw/errors', '@aigw/emulator']));
    expect(specifiers.length).toBeGreaterThan(25);
  });

  const script = (list: string[]) => `
const out = {};
for (const specifier of ${JSON.stringify(list)}) {
  try { out[specifier] = Object.keys(require(specifier)).length; } catch (error) { out[specifier] = String(error.code) + ': ' + String(error.message).split('\\n')[0]; }
}
console.log(JSON.stringify({ node: process.version, out }));
`;

  it.each([
    ['20.19.0', () => nodeBinary('20.19.0')],
    ['22.12.0', () => nodeBinary('22.12.0')],
    ['this Node (24)', () => process.execPath],
  ])('on Node %s', async (_label, node) => {
    const result = await run(app, 'require-all.cjs', script(specifiers), { node: node() });
    const { node: version, out } = JSON.parse(result.stdout) as { node: string; out: Record<string, number | string> };
    expect(version).toMatch(_label.startsWith('this') ? /^v24\./ : new RegExp(`^v${_label.replaceAll('.', '\\.')}$`));
    for (const specifier of specifiers) expect(out[specifier], `${specifier} on ${version}`).toBeTypeOf('number');
  });

  it('a stack trace names the shipped file, and the src/*.ts line under --enable-source-maps', async () => {
    const source = `
const { createAiGateway } = require('ai-gateway-provider');
try { createAiGateway({ accountId: 'a', gateway: 'g', apiKey: 'k', baseURL: 42 }); } catch (error) { console.log(JSON.stringify({ name: error.name, stack: error.stack })); }
`;
    const plain = JSON.parse((await run(app, 'stack.cjs', source)).stdout) as { name: string; stack: string };
    expect(plain.name).toBe('AI_AiGatewayInvalidOptionsError');
    // The shipped code is minified (one line per file): the frame names the file and a column.
    const shipped = /node_modules\/(?:ai-gateway-provider|@aigw\/[a-z-]+)\/dist\/[\w.-]+\.js:\d+:\d+/.exec(plain.stack);
    expect(shipped, plain.stack).not.toBeNull();
    const mapped = JSON.parse((await run(app, 'stack.cjs', source, { args: ['--enable-source-maps'] })).stdout) as { stack: string };
    const original = /(?:ai-gateway-provider|@aigw\/[a-z-]+)\/src\/[\w/.-]+\.ts:(\d+):\d+/.exec(mapped.stack);
    expect(original, mapped.stack).not.toBeNull();
    expect(Number(original![1])).toBeGreaterThan(1);
  });
});
