// The typed model ids: the generated file is current with the committed snapshot, the script's live
// refresh reads Workers AI's model search, the facade's signatures accept the literals and any other
// string, and an editor (TypeScript's language service) offers the literals as completions.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, expectTypeOf, it } from 'vitest';
import type {
  AiGateway,
  AiGatewayModelIds,
  CatalogModelId,
  WorkersAiEmbeddingModelId,
  WorkersAiImageModelId,
  WorkersAiRerankingModelId,
  WorkersAiSpeechModelId,
  WorkersAiTextModelId,
  WorkersAiTranscriptionModelId,
} from '../src/index';

const pkg = fileURLToPath(new URL('..', import.meta.url));
const script = join(pkg, 'scripts', 'generate-model-ids.mjs');
const snapshotFile = join(pkg, 'catalog', 'models.json');
const generatedFile = join(pkg, 'src', 'model-ids.generated.ts');
const snapshot = JSON.parse(readFileSync(snapshotFile, 'utf8')) as { date: string; sources: string[]; workersAi: Record<string, string[]>; catalog: string[] };

/** Runs the generator script; resolves with its exit code and output (never rejects). */
function generate(args: string[], env: Record<string, string> = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [script, ...args], { cwd: pkg, env: { ...process.env, ...env } }, (error, stdout, stderr) => {
      resolve({ code: error === null ? 0 : typeof error.code === 'number' ? error.code : 1, stdout, stderr });
    });
  });
}

/** The string literals of a union: `(string & {})` and other non-literal members dropped. */
type Literals<T> = T extends string ? (string extends T ? never : T) : never;

describe('the generated model ids', () => {
  it('src/model-ids.generated.ts is current with catalog/models.json', async () => {
    const result = await generate(['--check']);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
  });

  it('--check fails, naming the command, when the snapshot has an id the file lacks', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'model-ids-'));
    const changed = join(dir, 'models.json');
    writeFileSync(changed, JSON.stringify({ ...snapshot, catalog: [...snapshot.catalog, 'openai/gpt-9-preview'] }));
    const result = await generate(['--check', '--snapshot', changed]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('is not current');
    expect(result.stderr).toContain('generate:model-ids');
    // Written to another file, the same snapshot gives a file with the new id.
    const out = join(dir, 'ids.ts');
    expect((await generate(['--snapshot', changed, '--out', out])).code).toBe(0);
    expect(readFileSync(out, 'utf8')).toContain("  | 'openai/gpt-9-preview'\n");
  });

  it('every snapshot id of a served task, and every catalog id, is a literal of the file; each union stays open', () => {
    const source = readFileSync(generatedFile, 'utf8');
    const tasks = ['Text Generation', 'Text Embeddings', 'Text-to-Image', 'Text-to-Speech', 'Automatic Speech Recognition'];
    for (const task of tasks) for (const id of snapshot.workersAi[task] ?? []) expect(source, id).toContain(`  | '${id}'\n`);
    for (const id of snapshot.catalog) expect(source).toContain(`  | '${id}'\n`);
    // A Text Classification model that is not a reranker is no model id of the facade.
    expect(source).not.toContain('distilbert-sst-2-int8');
    expect(source).toContain(`snapshot of ${snapshot.date}`);
    expect(source.match(/\| \(string & \{\}\);/g)).toHaveLength(7);
  });

  it('--live reads every page of Workers AI model search with the token, and keeps the catalog list', async () => {
    const seen: { url: string; authorization: string | undefined }[] = [];
    const pages = [
      [
        { name: '@cf/meta/llama-9-instruct', task: { name: 'Text Generation' } },
        { name: '@cf/baai/bge-reranker-v3', task: { name: 'Text Classification' } },
      ],
      [{ name: '@cf/acme/embed-1', task: { name: 'Text Embeddings' } }],
    ];
    const server = createServer((req, res) => {
      seen.push({ url: req.url ?? '', authorization: req.headers.authorization });
      const page = Number(new URL(req.url ?? '/', 'http://x').searchParams.get('page'));
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ success: true, result: pages[page - 1] ?? [], result_info: { page, per_page: 2, count: pages[page - 1]?.length ?? 0, total_count: 3 } }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const dir = mkdtempSync(join(tmpdir(), 'model-ids-live-'));
      const file = join(dir, 'models.json');
      const out = join(dir, 'ids.ts');
      writeFileSync(file, JSON.stringify(snapshot));
      const apiBase = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      const result = await generate(['--live', '--snapshot', file, '--out', out, '--api-base', apiBase], { CLOUDFLARE_ACCOUNT_ID: 'acct-1', CLOUDFLARE_API_TOKEN: 'cf-token-live' });
      expect(result.stderr).toBe('');
      expect(result.code).toBe(0);
      expect(seen.map((s) => s.url)).toEqual(['/client/v4/accounts/acct-1/ai/models/search?per_page=100&page=1', '/client/v4/accounts/acct-1/ai/models/search?per_page=100&page=2']);
      expect(seen.every((s) => s.authorization === 'Bearer cf-token-live')).toBe(true);
      expect(result.stdout).not.toContain('cf-token-live');

      const refreshed = JSON.parse(readFileSync(file, 'utf8')) as typeof snapshot;
      expect(refreshed.workersAi).toEqual({ 'Text Classification': ['@cf/baai/bge-reranker-v3'], 'Text Embeddings': ['@cf/acme/embed-1'], 'Text Generation': ['@cf/meta/llama-9-instruct'] });
      expect(refreshed.catalog).toEqual(snapshot.catalog);
      expect(refreshed.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(refreshed.sources[0]).toContain('ai/models/search');
      const source = readFileSync(out, 'utf8');
      expect(source).toMatch(/export type WorkersAiTextModelId =\n {2}\| '@cf\/meta\/llama-9-instruct'\n {2}\| \(string & \{\}\);/);
      expect(source).toMatch(/export type WorkersAiRerankingModelId =\n {2}\| '@cf\/baai\/bge-reranker-v3'\n/);
      expect(source).not.toContain('@cf/meta/llama-3.1-8b-instruct');
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('--live without an account and a token says so and changes nothing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'model-ids-live-'));
    const file = join(dir, 'models.json');
    writeFileSync(file, JSON.stringify(snapshot));
    const result = await generate(['--live', '--snapshot', file, '--out', join(dir, 'ids.ts')], { CLOUDFLARE_ACCOUNT_ID: '', CLOUDFLARE_API_TOKEN: '' });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('CLOUDFLARE_ACCOUNT_ID and CLOUDFLARE_API_TOKEN');
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual(snapshot);
  });
});

describe('model id types', () => {
  it('each kind takes its literals and any other string (checked by tsc)', () => {
    expectTypeOf<'@cf/meta/llama-3.1-8b-instruct'>().toExtend<Literals<WorkersAiTextModelId>>();
    expectTypeOf<'@cf/baai/bge-base-en-v1.5'>().toExtend<Literals<WorkersAiEmbeddingModelId>>();
    expectTypeOf<'@cf/black-forest-labs/flux-1-schnell'>().toExtend<Literals<WorkersAiImageModelId>>();
    expectTypeOf<'@cf/deepgram/aura-2-en'>().toExtend<Literals<WorkersAiSpeechModelId>>();
    expectTypeOf<'@cf/openai/whisper-large-v3-turbo'>().toExtend<Literals<WorkersAiTranscriptionModelId>>();
    expectTypeOf<'@cf/baai/bge-reranker-base'>().toExtend<Literals<WorkersAiRerankingModelId>>();
    expectTypeOf<'openai/gpt-5-mini'>().toExtend<Literals<CatalogModelId>>();
    // A literal of one kind is not offered for another.
    expectTypeOf<'@cf/baai/bge-base-en-v1.5'>().not.toExtend<Literals<WorkersAiTextModelId>>();
    expectTypeOf<'@cf/meta/llama-3.1-8b-instruct'>().not.toExtend<Literals<WorkersAiEmbeddingModelId>>();
    // Any string stays valid: a model newer than the snapshot, or a string from elsewhere.
    expectTypeOf<'@cf/acme/released-tomorrow'>().toExtend<WorkersAiTextModelId>();
    expectTypeOf<string>().toExtend<WorkersAiEmbeddingModelId>();
    expectTypeOf<string>().toExtend<CatalogModelId>();
    // The autocompleted part is a union of literals, not `string`.
    expectTypeOf<string>().not.toExtend<Literals<WorkersAiTextModelId>>();
    expectTypeOf<Literals<CatalogModelId>>().not.toBeNever();
  });

  it("the provider's methods take the ids of their kind (checked by tsc)", () => {
    type IdsOf<F extends (...args: never[]) => unknown> = Literals<Parameters<F>[0]>;
    expectTypeOf<AiGatewayModelIds['language']>().toEqualTypeOf<WorkersAiTextModelId | CatalogModelId | `dynamic/${string}`>();
    expectTypeOf<'@cf/meta/llama-3.1-8b-instruct' | 'openai/gpt-5-mini' | 'dynamic/support'>().toExtend<IdsOf<AiGateway['languageModel']>>();
    expectTypeOf<'@cf/baai/bge-base-en-v1.5'>().toExtend<IdsOf<AiGateway['embeddingModel']>>();
    expectTypeOf<'@cf/black-forest-labs/flux-1-schnell'>().toExtend<IdsOf<AiGateway['imageModel']>>();
    expectTypeOf<'@cf/deepgram/aura-2-en'>().toExtend<IdsOf<AiGateway['speechModel']>>();
    expectTypeOf<'@cf/openai/whisper-large-v3-turbo'>().toExtend<IdsOf<AiGateway['transcriptionModel']>>();
    expectTypeOf<'@cf/baai/bge-reranker-base'>().toExtend<IdsOf<AiGateway['rerankingModel']>>();
    expectTypeOf<'openai/gpt-5-mini'>().not.toExtend<IdsOf<AiGateway['embeddingModel']>>();
    // Strings and id legs with any model still type-check.
    expectTypeOf<string>().toExtend<Parameters<AiGateway['embeddingModel']>[0]>();
    expectTypeOf<[{ model: string }, '@cf/acme/new']>().toExtend<Parameters<AiGateway['languageModel']>[0]>();
  });

  it('an editor offers the ids of each kind as completions', () => {
    const dir = join(pkg, 'test');
    const file = join(dir, '__completions__.ts');
    // Each call with the cursor between its quotes.
    const calls: Record<string, [string, string]> = {
      aigateway: ["aigateway('", "');"],
      languageModel: ["aigateway.languageModel([anthropicModel, { model: '", "' }]);"],
      embeddingModel: ["aigateway.embeddingModel('", "');"],
      imageModel: ["aigateway.imageModel('", "');"],
      speechModel: ["aigateway.speechModel('", "');"],
      transcriptionModel: ["aigateway.transcriptionModel('", "');"],
      rerankingModel: ["aigateway.rerankingModel(['", "']);"],
    };
    let text = "import type { LanguageModelV4 } from '@ai-sdk/provider';\nimport { createAiGateway } from '../src/index';\ndeclare const anthropicModel: LanguageModelV4;\nconst aigateway = createAiGateway();\n";
    const positions: Record<string, number> = {};
    for (const [name, [open, close]] of Object.entries(calls)) {
      text += open;
      positions[name] = text.length;
      text += `${close}\n`;
    }
    const options = { ...ts.getDefaultCompilerOptions(), target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext, moduleResolution: ts.ModuleResolutionKind.Bundler, strict: true, skipLibCheck: true, types: ['node'], lib: ['lib.es2023.d.ts', 'lib.dom.d.ts'] };
    const host: ts.LanguageServiceHost = {
      getScriptFileNames: () => [file],
      getScriptVersion: () => '1',
      getScriptSnapshot: (name) => {
        const content = name === file ? text : ts.sys.readFile(name);
        return content === undefined ? undefined : ts.ScriptSnapshot.fromString(content);
      },
      getCurrentDirectory: () => dir,
      getCompilationSettings: () => options,
      getDefaultLibFileName: (o) => ts.getDefaultLibFilePath(o),
      fileExists: (name) => name === file || ts.sys.fileExists(name),
      readFile: (name) => (name === file ? text : ts.sys.readFile(name)),
      readDirectory: (path, extensions, exclude, include, depth) => ts.sys.readDirectory(path, extensions, exclude, include, depth),
      directoryExists: (name) => ts.sys.directoryExists(name),
      getDirectories: (name) => ts.sys.getDirectories(name),
    };
    const service = ts.createLanguageService(host);
    const offered = (name: string) => service.getCompletionsAtPosition(file, positions[name]!, {})?.entries.map((e) => e.name) ?? [];

    const language = offered('aigateway');
    expect(language).toEqual(expect.arrayContaining(['@cf/meta/llama-3.1-8b-instruct', '@cf/openai/gpt-oss-120b', 'openai/gpt-5-mini', 'anthropic/claude-sonnet-4-5', 'cloudflare/auto']));
    expect(language).not.toContain('@cf/baai/bge-base-en-v1.5');
    expect(offered('languageModel')).toEqual(expect.arrayContaining(['@cf/meta/llama-3.1-8b-instruct', 'openai/gpt-5-mini']));
    expect(offered('embeddingModel')).toEqual(expect.arrayContaining(snapshot.workersAi['Text Embeddings']!));
    expect(offered('embeddingModel')).not.toContain('openai/gpt-5-mini');
    expect(offered('imageModel')).toEqual(expect.arrayContaining(snapshot.workersAi['Text-to-Image']!));
    expect(offered('speechModel')).toEqual(expect.arrayContaining(snapshot.workersAi['Text-to-Speech']!));
    expect(offered('transcriptionModel')).toEqual(expect.arrayContaining(snapshot.workersAi['Automatic Speech Recognition']!));
    expect(offered('rerankingModel')).toEqual(['@cf/baai/bge-reranker-base']);
    // The snippet itself type-checks, so the completions come from the signatures it calls.
    expect(service.getSemanticDiagnostics(file).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'))).toEqual([]);
  });
});
