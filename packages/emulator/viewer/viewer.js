// The emulator's log viewer: rows arrive over server-sent events (api/events) as requests finish.
// Plain DOM, no framework; every value is set as text, never as HTML.
(() => {
  'use strict';

  const rows = new Map(); // seq → row
  const tbody = document.querySelector('#requests tbody');
  const empty = document.getElementById('empty');
  const count = document.getElementById('count');
  const live = document.getElementById('live');
  const filters = document.getElementById('filters');
  const providerSelect = filters.elements.namedItem('provider');
  const providers = new Set();
  let openSeq = null;

  function el(tag, props, ...children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(props ?? {})) {
      if (value === undefined || value === null || value === false) continue;
      if (key === 'class') node.className = value;
      else if (key === 'text') node.textContent = value;
      else if (key.startsWith('data-')) node.setAttribute(key, value);
      else node[key] = value;
    }
    for (const child of children.flat()) if (child !== null && child !== undefined) node.append(child);
    return node;
  }

  /** Model of a step: from its attempts, the log entry of the step that answered, or the endpoint. */
  function modelOf(row, index, attempt) {
    if (attempt?.model) return attempt.model;
    if (row.log && row.log.step === index && row.log.model) return row.log.model;
    const endpoint = attempt?.endpoint ?? '';
    const match = /models\/([^/:?]+)|model\/([^/?]+)|(@cf\/[^?]+)/.exec(endpoint);
    return match ? (match[1] ?? match[2] ?? match[3]) : '';
  }

  /** One entry per step tried: provider, model, attempts, and whether it answered. */
  function stepsOf(row) {
    const { call } = row;
    const byStep = new Map();
    for (const attempt of call.attempts) {
      const entry = byStep.get(attempt.step) ?? { index: attempt.step, provider: attempt.provider, attempts: [] };
      entry.attempts.push(attempt);
      byStep.set(attempt.step, entry);
    }
    return call.stepsTried.map((index) => {
      const entry = byStep.get(index) ?? { index, provider: row.log?.step === index ? row.log.provider : '?', attempts: [] };
      const first = entry.attempts[0];
      const compat = first?.headers?.['x-emulator-compat-provider'];
      const provider = entry.provider === 'compat' && compat ? `compat → ${compat}` : entry.provider;
      const won = index === call.step && call.status >= 200 && call.status < 300;
      const routed = (call.routing ?? []).find((r) => r.step === index);
      return { ...entry, provider: routed ? `auto → ${routed.provider}` : provider, model: modelOf(row, index, first), won, routed };
    });
  }

  function providersOf(row) {
    const list = stepsOf(row).map((s) => s.provider.replace(/^(compat|auto) → /, ''));
    if (row.log?.provider) list.push(row.log.provider);
    return list.filter((p) => p && p !== '?');
  }

  function faultsOf(row) {
    const { call } = row;
    const out = [...(call.faults ?? [])];
    if (call.fault) out.push(call.fault);
    if (call.gatewayError !== undefined) out.push(`gateway error ${call.gatewayError}`);
    if (call.refusal !== undefined) out.push(`refused: ${call.refusal}`);
    return [...new Set(out)];
  }

  function statusClass(status) {
    return `status s${String(status).charAt(0)}`;
  }

  function formatCost(cost) {
    if (cost === undefined || cost === null) return '';
    if (cost === 0) return '$0';
    return `$${cost < 0.01 ? cost.toPrecision(3) : cost.toFixed(4)}`;
  }

  function formatTime(iso) {
    const date = new Date(iso);
    return `${date.toLocaleTimeString([], { hour12: false })}.${String(date.getMilliseconds()).padStart(3, '0')}`;
  }

  function routeOf(call) {
    if (call.kind === 'universal') return 'universal';
    if (call.kind === 'compat') return 'compat';
    if (call.kind === 'provider') return 'provider';
    if (call.kind === 'logs') return 'log API';
    return call.kind;
  }

  function matches(row) {
    const status = filters.elements.namedItem('status').value;
    const provider = providerSelect.value;
    const cache = filters.elements.namedItem('cache').value;
    const s = row.call.status;
    if (status === '2xx' && !(s >= 200 && s < 300)) return false;
    if (status === '4xx' && !(s >= 400 && s < 500)) return false;
    if (status === '5xx' && !(s >= 500 || s === 0)) return false;
    if (status === 'error' && !(s >= 400 || s === 0 || faultsOf(row).length > 0)) return false;
    if (provider && !providersOf(row).includes(provider)) return false;
    if (cache === 'none' && row.call.cacheStatus) return false;
    if ((cache === 'HIT' || cache === 'MISS') && row.call.cacheStatus !== cache) return false;
    return true;
  }

  function renderRow(row) {
    const { call, log } = row;
    const steps = stepsOf(row);
    const metadata = log?.metadata ? Object.entries(log.metadata).map(([k, v]) => `${k}=${v}`).join(' ') : '';
    const faults = faultsOf(row);
    const answered = steps.find((s) => s.index === call.step);
    const tr = el(
      'tr',
      { class: 'row', 'data-seq': String(row.seq), 'data-status': String(call.status), title: 'Show request and response heads' },
      el('td', { class: 'time', text: formatTime(row.time) }),
      el('td', { class: 'route' }, el('b', { text: `${call.method} ${routeOf(call)}` }), el('div', { class: 'path mono', text: call.gateway ?? call.path })),
      el(
        'td',
        {},
        steps.length === 0
          ? el('span', { class: 'dim', text: '—' })
          : el(
              'div',
              { class: 'steps' },
              steps.map((s) =>
                el(
                  'span',
                  { class: `step ${s.won ? 'won' : 'failed'}`, 'data-step': String(s.index) },
                  el('span', { class: 'i', text: `#${s.index}` }),
                  el('span', { text: s.provider }),
                  s.model ? el('span', { class: 'mono', text: s.model }) : null,
                  s.attempts.length > 1 ? el('span', { class: 'i', text: `×${s.attempts.length}` }) : null,
                  s.routed ? el('span', { class: 'reason', title: 'Auto Router decision', text: s.routed.reason }) : null,
                ),
              ),
            ),
      ),
      el('td', { class: 'answered', text: call.step === null ? '—' : answered ? `#${call.step} ${answered.provider}` : `#${call.step}` }),
      el('td', { class: statusClass(call.status), text: call.status === 0 ? 'reset' : String(call.status) }),
      el('td', {}, call.cacheStatus ? el('span', { class: `badge ${call.cacheStatus}`, text: call.cacheStatus }) : el('span', { class: 'dim', text: '—' })),
      el('td', { class: 'num', text: `${call.ms} ms` }),
      el('td', { class: 'num', text: log && (log.tokens_in !== undefined || log.tokens_out !== undefined) ? `${log.tokens_in ?? '–'} / ${log.tokens_out ?? '–'}` : '' }),
      el('td', { class: 'num', text: formatCost(log?.cost) }),
      el('td', { class: 'meta mono', text: metadata }),
      el(
        'td',
        {},
        faults.map((f) => el('span', { class: 'badge fault', text: f })),
        call.spans ? el('span', { class: 'badge trace', title: `trace ${call.spans[0]?.traceId ?? ''}`, text: 'trace' }) : null,
        call.ssePadding ? el('span', { class: 'badge padding', text: `p×${call.ssePadding}` }) : null,
      ),
    );
    tr.addEventListener('click', () => toggle(row.seq));
    return tr;
  }

  /** Header lines, with `[REDACTED]` values marked so they stand out. */
  function headBlock(firstLine, headers) {
    const pre = el('pre', { class: 'head' });
    pre.append(`${firstLine}\n`);
    for (const [name, value] of Object.entries(headers ?? {}).sort(([a], [b]) => a.localeCompare(b))) {
      pre.append(`${name}: `);
      if (value === '[REDACTED]') pre.append(el('span', { class: 'redacted', text: value }));
      else pre.append(value);
      pre.append('\n');
    }
    return pre;
  }

  function renderDetail(row) {
    const { call, log } = row;
    const attempts = el(
      'table',
      { class: 'attempts' },
      el('thead', {}, el('tr', {}, ['step', 'provider', 'endpoint', 'attempt', 'outcome', 'status', 'at', 'took', 'BYOK'].map((h) => el('th', { text: h })))),
      el(
        'tbody',
        {},
        call.attempts.map((a) =>
          el(
            'tr',
            {},
            [`#${a.step}`, a.provider, a.endpoint, String(a.attempt), a.outcome, a.status === undefined ? '—' : String(a.status), `${a.at} ms`, `${a.ms} ms`, a.byok ? 'yes' : 'no'].map((v) =>
              el('td', { class: 'mono', text: v }),
            ),
          ),
        ),
      ),
    );
    const responseHead = call.responseHeaders ? headBlock(`HTTP ${call.status}`, call.responseHeaders) : el('pre', { class: 'head', text: `HTTP ${call.status}\n(no headers recorded)` });
    const sections = [
      el('section', { class: 'request-head' }, el('h3', { text: 'Request head' }), headBlock(`${call.method} ${call.path}`, call.requestHeaders)),
      el('section', { class: 'response-head' }, el('h3', { text: 'Response head' }), responseHead),
      el('section', { class: 'wide' }, el('h3', { text: `Upstream attempts (${call.attempts.length})` }), call.attempts.length ? attempts : el('p', { class: 'dim', text: 'No upstream was called.' })),
    ];
    const upstream = call.attempts.at(-1);
    if (upstream) sections.push(el('section', { class: 'wide upstream-head' }, el('h3', { text: `Last upstream request head (#${upstream.step} ${upstream.provider})` }), headBlock(`POST ${upstream.endpoint}`, upstream.headers)));
    sections.push(el('section', { class: 'wide ids' }, el('h3', { text: 'Ids' }), el('pre', { text: `log     ${call.logId}\nevent   ${call.eventId}\nrequest ${call.requestId}` })));
    if (call.routing?.length) sections.push(el('section', { class: 'wide routing' }, el('h3', { text: 'Auto Router' }), routingTable(call.routing)));
    if (call.spans?.length) sections.push(el('section', { class: 'wide spans' }, el('h3', { text: `Linked trace ${call.spans[0].traceId} (parent span ${call.spans[0].parentSpanId})` }), spanTable(call.spans)));
    if (log) {
      const { request_head: _req, response_head: _res, ...entry } = log;
      sections.push(el('section', { class: 'wide' }, el('h3', { text: 'Gateway log entry' }), el('pre', { text: JSON.stringify(entry, null, 2) })));
    }
    return el('tr', { class: 'detail', 'data-detail': String(row.seq) }, el('td', { colSpan: 11 }, el('div', { class: 'detail-grid' }, sections)));
  }

  /** A table of plain-text cells. */
  function textTable(className, heads, lines) {
    return el(
      'table',
      { class: `attempts ${className}` },
      el('thead', {}, el('tr', {}, heads.map((h) => el('th', { text: h })))),
      el('tbody', {}, lines.map((cells) => el('tr', {}, cells.map((v) => el('td', { class: 'mono', text: v }))))),
    );
  }

  function routingTable(decisions) {
    return textTable(
      'routing-table',
      ['step', 'routed model', 'reason', 'decision id', 'turn', 'candidates'],
      decisions.map((d) => [`#${d.step}`, d.model, d.reason, d.decisionId, d.turn ?? '—', d.candidates.join(', ')]),
    );
  }

  function attributeText(attribute) {
    const v = attribute.value;
    return `${attribute.key}=${v.stringValue ?? v.intValue ?? v.doubleValue ?? v.boolValue}`;
  }

  function spanTable(spans) {
    const ms = (span) => `${Number((BigInt(span.endTimeUnixNano) - BigInt(span.startTimeUnixNano)) / 1000000n)} ms`;
    return textTable(
      'span-table',
      ['span', 'id', 'parent', 'took', 'status', 'attributes'],
      spans.map((s) => [s.name, s.spanId, s.parentSpanId, ms(s), s.status.code === 2 ? 'error' : 'ok', s.attributes.map(attributeText).join(' ')]),
    );
  }

  function toggle(seq) {
    openSeq = openSeq === seq ? null : seq;
    render();
  }

  function render() {
    tbody.replaceChildren();
    let shown = 0;
    const ordered = [...rows.values()].sort((a, b) => b.seq - a.seq);
    for (const row of ordered) {
      if (!matches(row)) continue;
      shown += 1;
      const tr = renderRow(row);
      if (row.fresh) tr.classList.add('fresh');
      tbody.append(tr);
      if (row.seq === openSeq) {
        tr.classList.add('open');
        tbody.append(renderDetail(row));
      }
    }
    for (const row of ordered) row.fresh = false;
    empty.hidden = shown > 0;
    count.textContent = rows.size === 0 ? '' : shown === rows.size ? `${rows.size} requests` : `${shown} of ${rows.size} requests`;
  }

  function addProviders(row) {
    let changed = false;
    for (const p of providersOf(row)) if (!providers.has(p)) changed = providers.add(p) !== undefined;
    if (!changed) return;
    const current = providerSelect.value;
    providerSelect.replaceChildren(el('option', { value: '', text: 'all' }), ...[...providers].sort().map((p) => el('option', { value: p, text: p })));
    providerSelect.value = current;
  }

  filters.addEventListener('change', render);

  const events = new EventSource('api/events');
  events.addEventListener('open', () => {
    live.dataset.state = 'live';
    live.textContent = 'live';
  });
  events.addEventListener('error', () => {
    live.dataset.state = 'offline';
    live.textContent = 'reconnecting';
  });
  events.addEventListener('row', (event) => {
    const row = JSON.parse(event.data);
    row.fresh = true;
    rows.set(row.seq, row);
    addProviders(row);
    render();
  });
  events.addEventListener('reset', () => {
    rows.clear();
    openSeq = null;
    render();
  });
  render();
})();
