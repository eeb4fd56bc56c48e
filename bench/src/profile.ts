// Runs a workload under `node --cpu-prof` and reads the profile: client CPU per call by package, and
// the functions and lines of this project's packages that cost the most, mapped back to their
// TypeScript sources through the dist source maps.
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { SourceMap, type SourceMapPayload } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { VariantName } from './variants.ts';

const REPO = fileURLToPath(new URL('../..', import.meta.url));
const run = promisify(execFile);

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
  hitCount: number;
  children?: number[];
  positionTicks?: { line: number; ticks: number }[];
}

/** Who owns a script, from its URL. */
function owner(url: string, functionName: string): string {
  if (url === '') return functionName.startsWith('(') ? functionName : 'V8 / native';
  if (url.startsWith('node:')) return 'Node internals (undici, streams, http)';
  const workspace = /\/packages\/([^/]+)\/dist\//.exec(url);
  if (workspace) return workspace[1] === 'ai-gateway-provider' ? 'ai-gateway-provider (ours)' : `@aigw/${workspace[1]} (ours)`;
  if (url.includes('/bench/src/')) return 'bench harness';
  const pkg = /node_modules\/\.pnpm\/([^/]+)\//.exec(url)?.[1] ?? 'other';
  if (pkg.startsWith('ai-gateway-provider@')) return 'ai-gateway-provider 4.0.1 (Cloudflare)';
  return pkg.replace(/^@([^+]+)\+/, '@$1/').replace(/@[\d.]+.*$/, '');
}

const maps = new Map<string, SourceMap | null>();
function sourceMapOf(url: string): SourceMap | null {
  if (!maps.has(url)) {
    try {
      maps.set(url, new SourceMap(JSON.parse(readFileSync(`${fileURLToPath(url)}.map`, 'utf8')) as SourceMapPayload));
    } catch {
      maps.set(url, null);
    }
  }
  return maps.get(url)!;
}

const lineCounts = new Map<string, boolean>();
/** True for a dist file whose code sits on a few long lines (our published dist is minified). */
function minified(url: string): boolean {
  if (!lineCounts.has(url)) {
    let few: boolean;
    try {
      few = readFileSync(fileURLToPath(url), 'utf8').split('\n').length < 30;
    } catch {
      few = false;
    }
    lineCounts.set(url, few);
  }
  return lineCounts.get(url)!;
}

/** `packages/core/src/capture.ts:123` for a 0-based position in a dist file, when its map knows it. */
function sourceLocation(url: string, line: number, column: number): string {
  const entry = sourceMapOf(url)?.findEntry(line, column);
  if (!entry || !('originalSource' in entry)) return `${relative(REPO, fileURLToPath(url))}:${line + 1}`;
  const file = resolve(dirname(fileURLToPath(url)), entry.originalSource.replace(/^file:\/\//, ''));
  return `${relative(REPO, file)}:${entry.originalLine + 1}`;
}

/**
 * A function's name in the sources: the published dist is minified (`Zt` for `sendGatewayCall`),
 * and its source map names the identifier that V8's position for the function (its parameters'
 * opening parenthesis) follows. Unminified code, or a position the map names nothing at, keeps `name`.
 */
function sourceName(url: string, line: number, column: number, name: string): string {
  if (!minified(url)) return name;
  const entry = sourceMapOf(url)?.findEntry(line, column) as { name?: string } | undefined;
  return entry?.name ?? name;
}

export type ProfileMode = 'generate' | 'fallback' | 'stream';

export interface ProfileSummary {
  readonly variant: VariantName;
  readonly mode: ProfileMode;
  readonly units: number;
  /** Sampled CPU per call (or per stream) by package, microseconds, idle excluded. */
  readonly byOwnerUs: Record<string, number>;
  /** Our functions: self and total (self + callees) time per call. */
  readonly functions: { name: string; at: string; selfUs: number; totalUs: number }[];
  /** Our source lines with the most samples. */
  readonly lines: { at: string; selfUs: number }[];
}

export interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

/** Samples per node taken after `fromUs` (the measured part), and the microseconds one sample stands for. */
export function samplesAfter(profile: CpuProfile, fromUs: number): { hitsById: Map<number, number>; perSampleUs: number } {
  const hitsById = new Map<number, number>();
  let time = profile.startTime;
  let counted = 0;
  profile.samples.forEach((id, i) => {
    time += profile.timeDeltas[i]!;
    if (time < fromUs) return;
    counted++;
    hitsById.set(id, (hitsById.get(id) ?? 0) + 1);
  });
  if (counted === 0) throw new Error('no profile samples after the start mark');
  return { hitsById, perSampleUs: (profile.endTime - Math.max(fromUs, profile.startTime)) / counted };
}

/** Summarises the samples taken after `fromUs` (the measured part), per unit of work. */
export function summarize(profile: CpuProfile, units: number, fromUs: number) {
  const { hitsById, perSampleUs } = samplesAfter(profile, fromUs);
  const perUnit = (hits: number) => (hits * perSampleUs) / units;
  const nodes = new Map(profile.nodes.map((n) => [n.id, { ...n, hitCount: hitsById.get(n.id) ?? 0, allHits: n.hitCount }]));
  const byOwner: Record<string, number> = {};
  const self = new Map<string, { name: string; at: string; hits: number; total: number }>();
  const lines = new Map<string, number>();
  const keyOf = (n: ProfileNode) => `${n.callFrame.url}:${n.callFrame.lineNumber}:${n.callFrame.columnNumber}`;
  const ours = (n: ProfileNode) => owner(n.callFrame.url, n.callFrame.functionName).endsWith('(ours)');

  const entry = (n: ProfileNode) => {
    const key = keyOf(n);
    if (!self.has(key)) {
      const { functionName, url, lineNumber, columnNumber } = n.callFrame;
      self.set(key, { name: sourceName(url, lineNumber, columnNumber, functionName) || '(anonymous)', at: sourceLocation(url, lineNumber, columnNumber), hits: 0, total: 0 });
    }
    return self.get(key)!;
  };
  // Total (inclusive) hits of a subtree; a function already on the stack is not counted twice.
  const walk = (n: ProfileNode & { allHits: number }, onStack: Set<string>): number => {
    let total = n.hitCount;
    const key = keyOf(n);
    const counted = ours(n) && !onStack.has(key);
    if (counted) onStack.add(key);
    for (const child of n.children ?? []) total += walk(nodes.get(child)!, onStack);
    if (counted) {
      onStack.delete(key);
      entry(n).total += total;
    }
    const name = owner(n.callFrame.url, n.callFrame.functionName);
    if (name !== '(idle)' && name !== '(root)') byOwner[name] = (byOwner[name] ?? 0) + n.hitCount;
    if (ours(n)) {
      entry(n).hits += n.hitCount;
      // V8 keeps line ticks as totals per node: take the measured part's share of them.
      const share = n.allHits === 0 ? 0 : n.hitCount / n.allHits;
      // Ticks carry a line only: in a dist minified onto a few lines they cannot name a source line.
      for (const tick of minified(n.callFrame.url) ? [] : (n.positionTicks ?? [])) {
        const at = sourceLocation(n.callFrame.url, tick.line - 1, 10_000);
        lines.set(at, (lines.get(at) ?? 0) + tick.ticks * share);
      }
    }
    return total;
  };
  walk(nodes.get(profile.nodes[0]!.id)!, new Set());
  return {
    byOwnerUs: Object.fromEntries(Object.entries(byOwner).filter(([, v]) => v > 0).sort((a, b) => b[1] - a[1]).map(([k, v]) => [k, perUnit(v)])),
    functions: [...self.values()]
      .filter((f) => f.total > 0)
      .sort((a, b) => b.total - a.total)
      .slice(0, 15)
      .map((f) => ({ name: f.name, at: f.at, selfUs: perUnit(f.hits), totalUs: perUnit(f.total) })),
    lines: [...lines].filter(([, hits]) => hits > 0).sort((a, b) => b[1] - a[1]).slice(0, 12).map(([at, hits]) => ({ at, selfUs: perUnit(hits) })),
  };
}

/** Profiles one workload in a child process (sampling every 100 µs) and summarises it. */
export async function profileRun(variant: VariantName, mode: ProfileMode, units: number, origin: string): Promise<ProfileSummary> {
  const dir = mkdtempSync(join(tmpdir(), 'aigw-bench-prof-'));
  try {
    const target = fileURLToPath(new URL('./profile-target.ts', import.meta.url));
    const { stdout } = await run(process.execPath, ['--cpu-prof', '--cpu-prof-interval=100', `--cpu-prof-dir=${dir}`, target, variant, mode, String(units), '64', origin], { timeout: 120_000 });
    const file = readdirSync(dir).find((f) => f.endsWith('.cpuprofile'));
    if (!file) throw new Error('no .cpuprofile written');
    const profile = JSON.parse(readFileSync(join(dir, file), 'utf8')) as CpuProfile;
    return { variant, mode, units, ...summarize(profile, units, Number(stdout.trim())) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
