// Size alone, without the full `pnpm bench`: what an HTTP app's calls load of ours, as shipped (the
// published files) and after esbuild (split, minified), gzipped; with the attribution by package and
// the strings/code share. `--files` also lists the chunks/files and the largest source files.
// Usage: pnpm exec node bench/scripts/size-rows.ts [--files]
import { gzipSync } from 'node:zlib';
import { readFileSync } from 'node:fs';
import { ourSourceFiles, shippedRow, splitRow } from '../src/bundle.ts';

const files = process.argv.includes('--files');
const kb = (n: number) => `${(n / 1000).toFixed(1)} KB`;
const shipped = await shippedRow('ours');
const split = await splitRow('ours');
console.log(`as shipped, HTTP calls: ${kb(shipped.httpCalls.gzipBytes)} gz (${shipped.httpCalls.gzipBytes} B; ${shipped.httpCalls.minifiedBytes} B raw, ${shipped.httpCalls.files.length} files); at import ${kb(shipped.atImport.gzipBytes)} (${shipped.atImport.files.length} files)`);
console.log(`after esbuild, HTTP calls: ${kb(split.httpCalls.gzipBytes)} gz (${split.httpCalls.gzipBytes} B; ${split.httpCalls.minifiedBytes} B min, ${split.httpCalls.files.length} chunks); at import ${kb(split.atImport.gzipBytes)}; all ${kb(split.all.gzipBytes)}`);
const t = split.httpCallsText;
console.log(`  strings ${t.literalBytes} B (${t.literalGzipBytes} gz), code ${t.codeBytes} B (${t.codeGzipBytes} gz)`);
console.log(`  by package (min): ${Object.entries(split.httpCallsByPackage).sort((a, b) => b[1] - a[1]).map(([p, n]) => `${p} ${n}`).join(', ')}`);
console.log(`  shipped by package (raw): ${Object.entries(shipped.httpCallsByPackage).sort((a, b) => b[1] - a[1]).map(([p, n]) => `${p} ${n}`).join(', ')}`);
if (files) {
  console.log('shipped files:');
  for (const f of shipped.httpCalls.files) {
    const p = f.startsWith('packages/') ? `${process.cwd()}/${f}` : f;
    let c: Buffer | undefined;
    try { c = readFileSync(p); } catch { /* relative */ }
    console.log(`  ${f}${c ? ` ${c.byteLength} B, ${gzipSync(c, { level: 9 }).byteLength} gz` : ''}`);
  }
  console.log('largest source files (one bundle):');
  for (const { file, bytes } of (await ourSourceFiles()).slice(0, 40)) console.log(`  ${bytes}\t${file}`);
}
