// Encoding cost of a large request body: core's universal encoding (the body's text encoded as it is, into the bytes a transport sends)
// against a JSON parse and stringify of the same body (what an encoder that rebuilds the payload pays).
// Run with `pnpm --filter @aigw/core bench` after a build. Prints a table and exits non-zero when the
// 5x target is missed, so a regression is visible.
import { encodeGatewayRequest, encodeStep, universalBodyBytes } from '@aigw/core';

const sizes = [1, 10];
// Reading a character in the middle makes V8 flatten a concatenated (rope) string: the full copy is paid here.
const flat = (text) => text.charCodeAt(text.length >> 1) + text.length;
const runs = Number(process.env.BENCH_RUNS ?? 20);

function body(megabytes) {
  const image = 'A'.repeat(megabytes * 1024 * 1024);
  return JSON.stringify({
    model: 'gpt-5-mini',
    messages: [{ role: 'user', content: [{ type: 'text', text: 'describe' }, { type: 'image_url', image_url: { url: `data:image/png;base64,${image}` } }] }],
  });
}

function time(fn) {
  const samples = [];
  for (let i = 0; i < runs; i++) {
    const start = process.hrtime.bigint();
    fn();
    samples.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  samples.sort((a, b) => a - b);
  return samples[Math.floor(samples.length / 2)];
}

let failed = false;
console.log(`| body | core encode (ms, median of ${runs}) | JSON parse+stringify (ms) | ratio |`);
console.log('|---|---|---|---|');
for (const mb of sizes) {
  const text = body(mb);
  const captured = { method: 'POST', url: 'https://api.openai.com/v1/chat/completions', headers: { 'content-type': 'application/json', authorization: 'Bearer sk' }, body: text };
  let sink = 0;
  const ours = time(() => {
    sink += universalBodyBytes(encodeGatewayRequest([encodeStep(captured)], { 'cf-aig-cache-ttl': '60' })).byteLength;
  });
  const naive = time(() => {
    sink += flat(JSON.stringify([{ provider: 'openai', endpoint: 'chat/completions', headers: captured.headers, query: JSON.parse(text) }]));
  });
  const ratio = naive / ours;
  if (ratio < 5) failed = true;
  console.log(`| ${mb} MB | ${ours.toFixed(3)} | ${naive.toFixed(3)} | ${ratio.toFixed(1)}x cheaper${sink < 0 ? '' : ''} |`);
}
console.log(failed ? 'target missed: encoding is less than 5x cheaper than parse+stringify' : 'target met: encoding is at least 5x cheaper than parse+stringify');
process.exitCode = failed ? 1 : 0;
