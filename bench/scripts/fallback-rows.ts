// The fallback rows alone (issue 14), without the full `pnpm bench`: one model against the
// three-model fallback (the first two legs fail at the stub), ours vs Cloudflare's 4.0.1 (and an
// optional second build of ours, BENCH_BASE=/path/to/worktree), with the bench's own pairing: each
// round runs a variant's one-model and three-model batches back to back. Prints each variant's CPU
// per call and the extra CPU the fallback costs (median of the paired differences).
// Usage: pnpm exec node --expose-gc bench/scripts/fallback-rows.ts [rounds]
import type { createAiGateway as createOurs } from 'ai-gateway-provider';
import { fallbackRows } from '../src/client-rows.ts';
import { FULL } from '../src/config.ts';
import { runBatch } from '../src/measure.ts';
import { generate } from '../src/calls.ts';
import { startStub } from '../src/stub.ts';
import { createVariant, installFetchRedirect, type Variant } from '../src/variants.ts';

const rounds = Number(process.argv[2] ?? 5);
if (!(Number.isInteger(rounds) && rounds > 0)) throw new Error('rounds is a positive integer');
const stub = await startStub();
installFetchRedirect(stub.origin);
const variants: Variant[] = [createVariant('ours', stub.origin), createVariant('cloudflare', stub.origin)];
if (process.env.BENCH_BASE) {
  // The other build stands in as "createai" (a name the rows know); it is printed as "base".
  const base = (await import(`${process.env.BENCH_BASE}/packages/ai-gateway-provider/dist/index.js`)) as { createAiGateway: typeof createOurs };
  variants.push({ ...createVariant('ours', stub.origin, base.createAiGateway), name: 'createai' });
}
for (const v of variants) {
  await runBatch(300, 8, () => generate(v));
  await runBatch(300, 8, () => generate(v, 'fallback'));
}
const rows = await fallbackRows(variants, { ...FULL, rounds });
for (const [name, row] of Object.entries(rows)) {
  console.log(
    `${name === 'createai' ? 'base' : name}: one model ${Math.round(row.single.cpuUsPerCall)} µs, three models ${Math.round(row.fallback.cpuUsPerCall)} µs, ` +
      `extra ${Math.round(row.extraCpuUsPerCall)} µs per call (by round: ${row.fallback.cpuUsPerCallByBatch.map((cpu, i) => cpu - row.single.cpuUsPerCallByBatch[i]!).join(', ')}), requests per call ${row.requestsPerCall.toFixed(2)}`,
  );
}
stub.stop();
process.exit(0);
