// Usage: pnpm exec node bench/scripts/answer-headers-ab.mjs <tree A> <tree B> [bench|real] [calls per block] [rounds]
// (two worktrees with built packages). A/B in one process: decodeGatewayResponse of two builds on a successful answer (no body), the
// returned headers then read whole as the AI SDK does; blocks interleaved, paired differences.
/* global Response */
const [a, b, which = 'real', n = '20000', rounds = '30'] = process.argv.slice(2);
const A = (await import(a + '/packages/core/dist/index.js')).decodeGatewayResponse;
const B = (await import(b + '/packages/core/dist/index.js')).decodeGatewayResponse;
const TOKEN = which === 'bench' ? 'cf-bench-token' : 'cfut_Q1w2E3r4T5y6U7i8O9p0AaSsDdFfGgHhJjKkLl';
const KEY = which === 'bench' ? 'sk-bench-0000' : 'sk-proj-Abc123Def456Ghi789Jkl012Mno345Pqr678Stu901Vwx234Yz';
const transportSecrets = [TOKEN];
const mk = () => ({ mode: 'provider', headers: {}, steps: [{ provider: 'openai', endpoint: 'chat/completions', method: 'POST', json: true, body: '{}', headers: { authorization: `Bearer ${KEY}`, 'content-type': 'application/json', 'user-agent': 'ai/7.0.173 ai-sdk-provider-utils/5.0.81 node.js/24 ai-gateway-provider-transport-http/0.1.0' } }] });
const headers = which === 'bench' ? { 'content-type': 'application/json', 'cf-aig-log-id': '01JBENCHLOGID0000000000000', 'cf-aig-cache-status': 'MISS' } : {
  date: 'Mon, 07 Dec 2026 15:51:00 GMT', 'content-type': 'application/json', 'transfer-encoding': 'chunked', connection: 'keep-alive',
  'access-control-expose-headers': 'X-Request-ID', 'openai-organization': 'user-abc123def456', 'openai-processing-ms': '412', 'openai-project': 'proj_Abc123Def456Ghi789',
  'openai-version': '2020-10-01', 'x-envoy-upstream-service-time': '415', 'x-ratelimit-limit-requests': '10000', 'x-ratelimit-limit-tokens': '30000000',
  'x-ratelimit-remaining-requests': '9999', 'x-ratelimit-remaining-tokens': '29999990', 'x-ratelimit-reset-requests': '6ms', 'x-ratelimit-reset-tokens': '0s',
  'x-request-id': 'req_0123456789abcdef0123456789abcdef', 'strict-transport-security': 'max-age=31536000; includeSubDomains; preload', 'cf-cache-status': 'DYNAMIC',
  'set-cookie': '__cf_bm=AbCdEf0123456789.ghIJkl-1733586660-1.0.1.1-Zz9Yy8Xx7Ww6Vv5Uu4Tt3Ss2Rr1Qq0Pp; path=/; expires=Mon, 07-Dec-26 16:21:00 GMT; domain=.api.openai.com; HttpOnly; Secure; SameSite=None',
  'x-content-type-options': 'nosniff', server: 'cloudflare', 'cf-ray': '8ecf0123456789ab-AMS', 'alt-svc': 'h3=":443"; ma=86400',
  'cf-aig-log-id': '01JBENCHLOGID0000000000000', 'cf-aig-cache-status': 'MISS', 'cf-aig-step': '0', 'cf-aig-event-id': '0193a4b2-7c8d-7e9f-a0b1-c2d3e4f5a6b7',
};
const hl = Object.entries(headers);
let sink = 0;
const once = async (decode) => { const d = await decode(new Response(null, { headers: hl }), mk(), { secrets: transportSecrets, gatewayId: 'gw', transport: 'http' }); sink += d.metadata.step + Object.keys(Object.fromEntries([...d.response.headers])).length; };
const block = async (decode) => { const t = process.cpuUsage(); for (let i = 0; i < Number(n); i++) await once(decode); const u = process.cpuUsage(t); return (u.user + u.system) / Number(n); };
for (let i = 0; i < 3; i++) { await block(A); await block(B); }
const xa = [], xb = [], diff = [];
for (let r = 0; r < Number(rounds); r++) {
  const [pa, pb] = r % 2 ? [await block(A), await block(B)] : (([y, x]) => [x, y])([await block(B), await block(A)]);
  xa.push(pa); xb.push(pb); diff.push(pb - pa);
}
const med = (xs) => [...xs].sort((p, q) => p - q)[xs.length >> 1];
const q = (xs, f) => [...xs].sort((p, q) => p - q)[Math.floor((xs.length - 1) * f)];
if (sink < 0) console.log(sink);
console.log(`${which}: A ${med(xa).toFixed(2)} µs, B ${med(xb).toFixed(2)} µs, B−A median ${med(diff).toFixed(2)} µs (quartiles ${q(diff, 0.25).toFixed(2)} .. ${q(diff, 0.75).toFixed(2)})`);
