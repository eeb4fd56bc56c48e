// The emulator's log viewer: rows arrive over server-sent events (api/events) as requests finish.
// Plain DOM, no framework; every value is set as text, never as HTML.
(() => {
  'use strict';

  const rows = new Map(); // seq → row
  const order = []; // rows by arrival, oldest first
  const tbody = document.querySelector('#requests tbody');
  const empty = document.getElementById('empty');
  const count = document.getElementById('count');
  const live = document.getElementById('live');
  const filters = document.getElementById('filters');
  const field = (name) => filters.elements.namedItem(name);
  const providerSelect = field('provider');
  const modelSelect = field('model');
  const range = document.getElementById('range');
  const pageInfo = document.getElementById('page-info');
  const prev = document.getElementById('prev');
  const next = document.getElementById('next');
  const providers = new Set();
  const models = new Set();
  let openSeq = null;
  let page = 0;
  let pending = null;

  function el(tag, props, ...children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(props ?? {})) {
      if (value === undefined || value === null || value === false) continue;
      if (key === 'class') node.className = value;
      else if (key === 'text') node.textContent = value;
      else if (key.startsWith('data-') || key.startsWith('aria-')) node.setAttribute(key, value);
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
    return [...new Set(out)];
  }

  /** The gateway's own errors and refusals (2005, 2009, a policy's 403...): faults of the gateway, not of a provider. */
  function gatewayFaultsOf(row) {
    const { call } = row;
    const out = [];
    if (call.gatewayError !== undefined) out.push(`gateway error ${call.gatewayError}`);
    if (call.refusal !== undefined) out.push(`refused: ${call.refusal}`);
    return out;
  }

  function isError(row) {
    const s = row.call.status;
    return s >= 400 || s === 0 || faultsOf(row).length > 0 || gatewayFaultsOf(row).length > 0;
  }

  /** Every model the row names: of its steps and of its log entry. */
  function modelsOf(row) {
    const list = stepsOf(row).map((s) => s.model);
    if (row.log?.model) list.push(row.log.model);
    return [...new Set(list.filter(Boolean))];
  }

  /** The lower-cased text the search box looks in: models, providers, path, ids, metadata, loaded bodies. */
  function haystackOf(row) {
    if (row.haystack === undefined) {
      const { call, log } = row;
      row.haystack = [
        ...modelsOf(row),
        ...providersOf(row),
        call.path,
        call.gateway ?? '',
        log?.path ?? '',
        call.logId,
        call.requestId,
        call.eventId,
        log?.metadata ? JSON.stringify(log.metadata) : '',
        call.requestHeaders?.['cf-aig-metadata'] ?? '',
      ]
        .join('\n')
        .toLowerCase();
    }
    return row.bodies ? `${row.haystack}\n${row.bodies.request.toLowerCase()}\n${row.bodies.response.toLowerCase()}` : row.haystack;
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

  /** The filters' current values, read once per render. */
  function criteria() {
    const time = field('time').value;
    const at = (name) => {
      const value = field(name).value;
      return value ? new Date(value).getTime() : NaN;
    };
    let from = -Infinity;
    let to = Infinity;
    if (time === 'range') {
      if (!Number.isNaN(at('from'))) from = at('from');
      if (!Number.isNaN(at('to'))) to = at('to') + 999;
    } else if (time) from = Date.now() - Number(time) * 60_000;
    return {
      q: field('q').value.trim().toLowerCase(),
      status: field('status').value,
      provider: providerSelect.value,
      model: modelSelect.value,
      cache: field('cache').value,
      from,
      to,
    };
  }

  function matches(row, c) {
    const s = row.call.status;
    if (c.status === '2xx' && !(s >= 200 && s < 300)) return false;
    if (c.status === '4xx' && !(s >= 400 && s < 500)) return false;
    if (c.status === '5xx' && !(s >= 500 || s === 0)) return false;
    if (c.status === 'error' && !isError(row)) return false;
    if (c.status === 'gateway' && gatewayFaultsOf(row).length === 0) return false;
    if (c.provider && !providersOf(row).includes(c.provider)) return false;
    if (c.model && !modelsOf(row).includes(c.model)) return false;
    if (c.cache === 'none' && row.call.cacheStatus) return false;
    if ((c.cache === 'HIT' || c.cache === 'MISS') && row.call.cacheStatus !== c.cache) return false;
    if (c.from !== -Infinity || c.to !== Infinity) {
      const time = Date.parse(row.time);
      if (time < c.from || time > c.to) return false;
    }
    if (c.q && !haystackOf(row).includes(c.q)) return false;
    return true;
  }

  function renderRow(row) {
    const { call, log } = row;
    const steps = stepsOf(row);
    const metadata = log?.metadata ? Object.entries(log.metadata).map(([k, v]) => `${k}=${v}`).join(' ') : '';
    const faults = faultsOf(row);
    const tr = el(
      'tr',
      { class: 'row', 'data-seq': String(row.seq), 'data-status': String(call.status), title: 'Show request and response heads' },
      el('td', { class: 'time', text: formatTime(row.time) }),
      el('td', { class: 'log-id' }, el('code', { class: 'mono', text: call.logId }), copyButton(call.logId)),
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
      el('td', { class: 'answered', text: answeredText(row, steps) }),
      el('td', { class: statusClass(call.status), text: call.status === 0 ? 'reset' : String(call.status) }),
      el('td', {}, call.cacheStatus ? el('span', { class: `badge ${call.cacheStatus}`, text: call.cacheStatus }) : el('span', { class: 'dim', text: '—' })),
      el('td', { class: 'num', text: `${call.ms} ms` }),
      el('td', { class: 'num', text: log && (log.tokens_in !== undefined || log.tokens_out !== undefined) ? `${log.tokens_in ?? '–'} / ${log.tokens_out ?? '–'}` : '' }),
      el('td', { class: 'num', text: formatCost(log?.cost) }),
      el('td', { class: 'meta mono', text: metadata }),
      el(
        'td',
        {},
        gatewayFaultsOf(row).map((f) => el('span', { class: 'badge fault gateway', title: 'An error or refusal of the gateway itself', text: f })),
        faults.map((f) => el('span', { class: 'badge fault', text: f })),
        call.streamed ? el('span', { class: 'badge stream', title: 'Answered as an event stream', text: 'stream' }) : null,
        call.spans ? el('span', { class: 'badge trace', title: `trace ${call.spans[0]?.traceId ?? ''}`, text: 'trace' }) : null,
        call.ssePadding ? el('span', { class: 'badge padding', text: `p×${call.ssePadding}` }) : null,
      ),
      el('td', { class: 'feedback' }, log ? feedbackButtons(row) : el('span', { class: 'dim', text: '—' })),
    );
    tr.addEventListener('click', () => toggle(row.seq));
    return tr;
  }

  /**
   * The answering step, or why there is none: "all legs failed · 503" when every step tried failed
   * (the gateway relays the last leg's answer), "gateway 2009" / "refused" when the gateway answered itself.
   */
  function answeredText(row, steps) {
    const { call } = row;
    const ok = call.status >= 200 && call.status < 400;
    if (call.refusal !== undefined) return `refused · ${call.status}`;
    if (call.gatewayError !== undefined) return `gateway ${call.gatewayError} · ${call.status}`;
    if (call.step === null) return '—';
    if (!ok && steps.length > 0) return `${steps.length > 1 ? 'all legs failed' : 'failed'} · ${call.status === 0 ? 'reset' : call.status}`;
    const answered = steps.find((s) => s.index === call.step);
    return answered ? `#${call.step} ${answered.provider}` : `#${call.step}`;
  }

  /** A button that copies `text` to the clipboard and says so. */
  function copyButton(text) {
    const button = el('button', { type: 'button', class: 'copy', title: 'Copy the log id', text: 'copy' });
    button.addEventListener('click', async (event) => {
      event.stopPropagation();
      try {
        await window.navigator.clipboard.writeText(text);
        button.textContent = 'copied';
      } catch {
        // no clipboard (an insecure origin): select the id so that it can be copied by hand
        const selection = document.createRange();
        selection.selectNodeContents(button.previousElementSibling);
        window.getSelection().removeAllRanges();
        window.getSelection().addRange(selection);
        button.textContent = 'selected';
      }
    });
    return button;
  }

  /** A thumb icon (drawn, so that it shows without an emoji font), pointing down when `down`. */
  function thumb(down) {
    const ns = 'http://www.w3.org/2000/svg';
    const svg = document.createElementNS(ns, 'svg');
    svg.setAttribute('viewBox', '0 0 16 16');
    svg.setAttribute('width', '14');
    svg.setAttribute('height', '14');
    svg.setAttribute('aria-hidden', 'true');
    const path = document.createElementNS(ns, 'path');
    path.setAttribute('d', 'M1.5 7h3v7.5h-3z M5.5 7l3-5.2c1.1 0 2 .9 1.7 2.2L9.7 6.5h3.7c1 0 1.7.9 1.4 1.8l-1.4 5.3c-.2.6-.7.9-1.3.9H5.5z');
    path.setAttribute('fill', 'currentColor');
    if (down) path.setAttribute('transform', 'rotate(180 8 8)');
    svg.append(path);
    return svg;
  }

  /** 👍 / 👎 on a row's log entry, stored through the gateway's log API (`feedback` 1 / -1; again to clear). */
  function feedbackButtons(row) {
    const current = row.log.feedback ?? null;
    const error = row.feedbackError;
    row.feedbackError = undefined;
    const buttons = [1, -1].map((value) => {
      const button = el('button', {
        type: 'button',
        class: `vote${current === value ? ' chosen' : ''}`,
        'data-feedback': String(value),
        'aria-pressed': String(current === value),
        title: value === 1 ? '👍 Good answer (feedback 1)' : '👎 Bad answer (feedback -1)',
        'aria-label': value === 1 ? 'thumbs up' : 'thumbs down',
      });
      button.append(thumb(value === -1));
      if (error) button.title = error;
      button.addEventListener('click', async (event) => {
        event.stopPropagation();
        button.disabled = true;
        try {
          const res = await fetch(`api/logs/${encodeURIComponent(row.log.id)}`, {
            method: 'PATCH',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ feedback: current === value ? null : value }),
          });
          const answer = await res.json().catch(() => null);
          if (res.ok && answer?.result) row.log = answer.result;
          else row.feedbackError = `Not saved: ${answer?.errors?.[0]?.message ?? res.status}`;
        } catch {
          row.feedbackError = 'Not saved: the emulator is not reachable';
        }
        render();
      });
      return button;
    });
    return error ? [...buttons, el('span', { class: 'feedback-error', text: '!', title: error })] : buttons;
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
    sections.push(bodiesSection(row));
    sections.push(el('section', { class: 'wide ids' }, el('h3', { text: 'Ids' }), el('pre', { text: `log     ${call.logId}\nevent   ${call.eventId}\nrequest ${call.requestId}` })));
    if (call.routing?.length) sections.push(el('section', { class: 'wide routing' }, el('h3', { text: 'Auto Router' }), routingTable(call.routing)));
    if (call.spans?.length) sections.push(el('section', { class: 'wide spans' }, el('h3', { text: `Linked trace ${call.spans[0].traceId} (parent span ${call.spans[0].parentSpanId})` }), spanTable(call.spans)));
    if (log) {
      const { request_head: _req, response_head: _res, ...entry } = log;
      sections.push(el('section', { class: 'wide' }, el('h3', { text: 'Gateway log entry' }), el('pre', { text: JSON.stringify(entry, null, 2) })));
    }
    return el('tr', { class: 'detail', 'data-detail': String(row.seq) }, el('td', { colSpan: 13 }, el('div', { class: 'detail-grid' }, sections)));
  }

  /** The full request and response bodies, loaded on demand (redacted by the emulator). */
  function bodiesSection(row) {
    const section = el('section', { class: 'wide bodies' }, el('h3', { text: 'Bodies' }));
    if (!row.bodies) {
      const button = el('button', { type: 'button', class: 'button load-bodies', text: row.bodiesError ?? 'Load full bodies' });
      button.addEventListener('click', async (event) => {
        event.stopPropagation();
        button.disabled = true;
        button.textContent = 'Loading…';
        try {
          const res = await fetch(`api/bodies/${row.seq}`);
          const answer = await res.json().catch(() => null);
          if (res.ok && answer) row.bodies = answer;
          else row.bodiesError = answer?.error ?? `Could not load them (${res.status})`;
        } catch {
          row.bodiesError = 'Could not load them: the emulator is not reachable';
        }
        render();
      });
      section.append(button);
      return section;
    }
    const { bodies } = row;
    const body = (className, title, text, size, truncated) =>
      el(
        'div',
        { class: className },
        el('h4', { text: `${title} · ${size} bytes${truncated ? ' (first 1 MB)' : ''}` }),
        el('pre', { class: 'body', text: text === '' ? '(empty)' : text }),
      );
    section.append(
      el(
        'div',
        { class: 'body-pair' },
        body('request-body', 'Request body', bodies.request, bodies.requestSize, bodies.requestTruncated),
        body('response-body', 'Response body', bodies.response, bodies.responseSize, bodies.responseTruncated),
      ),
    );
    return section;
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

  /** The rows the filters let through, newest first. */
  function filtered() {
    const c = criteria();
    const out = [];
    for (let i = order.length - 1; i >= 0; i -= 1) if (matches(order[i], c)) out.push(order[i]);
    return out;
  }

  function percent(part, whole) {
    return whole === 0 ? '–' : `${((100 * part) / whole).toFixed(1)}%`;
  }

  /** The summary bar: totals over every filtered row (not only the page shown). */
  function renderTotals(list) {
    let cost = 0;
    let tokensIn = 0;
    let tokensOut = 0;
    let hits = 0;
    let errors = 0;
    for (const row of list) {
      cost += row.log?.cost ?? 0;
      tokensIn += row.log?.tokens_in ?? 0;
      tokensOut += row.log?.tokens_out ?? 0;
      if (row.call.cacheStatus === 'HIT') hits += 1;
      if (isError(row)) errors += 1;
    }
    const set = (name, text, value) => {
      const node = document.querySelector(`[data-total="${name}"]`);
      node.textContent = text;
      node.dataset.value = String(value);
    };
    set('requests', String(list.length), list.length);
    set('cost', cost === 0 ? '$0' : `$${cost.toFixed(6)}`, cost);
    set('tokens-in', tokensIn.toLocaleString('en-US'), tokensIn);
    set('tokens-out', tokensOut.toLocaleString('en-US'), tokensOut);
    set('cache-hit', percent(hits, list.length), list.length === 0 ? '' : hits / list.length);
    set('error-rate', percent(errors, list.length), list.length === 0 ? '' : errors / list.length);
  }

  function render() {
    if (pending !== null) {
      clearTimeout(pending);
      pending = null;
    }
    const list = filtered();
    const size = Number(field('pageSize').value) || 50;
    const pages = Math.max(1, Math.ceil(list.length / size));
    page = Math.min(page, pages - 1);
    const start = page * size;
    const fragment = document.createDocumentFragment();
    for (const row of list.slice(start, start + size)) {
      const tr = renderRow(row);
      if (row.fresh) tr.classList.add('fresh');
      fragment.append(tr);
      if (row.seq === openSeq) {
        tr.classList.add('open');
        fragment.append(renderDetail(row));
      }
    }
    tbody.replaceChildren(fragment);
    for (const row of order) row.fresh = false;
    renderTotals(list);
    empty.hidden = list.length > 0;
    empty.textContent = rows.size === 0 ? 'No requests yet. Send one to the gateway URL and it appears here.' : 'No request matches the filters.';
    count.textContent = rows.size === 0 ? '' : list.length === rows.size ? `${rows.size} requests` : `${list.length} of ${rows.size} requests`;
    pageInfo.textContent = list.length === 0 ? '' : `${start + 1}–${Math.min(start + size, list.length)} of ${list.length} · page ${page + 1} of ${pages}`;
    pageInfo.dataset.page = String(page + 1);
    pageInfo.dataset.pages = String(pages);
    prev.disabled = page === 0;
    next.disabled = page >= pages - 1;
  }

  /** Renders once for a burst of rows (thousands arrive at once when the page opens). */
  function scheduleRender() {
    pending ??= setTimeout(render, 30);
  }

  /** The filtered rows as JSON, downloaded as a file: each row's call and log entry (and bodies when loaded). */
  function exportRows() {
    const list = filtered().map(({ seq, time, call, log, bodies }) => ({ seq, time, call, log, ...(bodies ? { bodies } : {}) }));
    const blob = new window.Blob([JSON.stringify({ exportedAt: new Date().toISOString(), count: list.length, rows: list }, null, 2)], { type: 'application/json' });
    const url = URL.createObjectURL(blob);
    const link = el('a', { href: url, download: `aigw-emulator-logs-${new Date().toISOString().replace(/[:.]/g, '-')}.json` });
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
  }

  /** Adds the row's values to a select's options (providers, models seen). */
  function addOptions(select, seen, values) {
    let changed = false;
    for (const v of values) if (!seen.has(v)) changed = seen.add(v) !== undefined;
    if (!changed) return;
    const current = select.value;
    select.replaceChildren(el('option', { value: '', text: 'all' }), ...[...seen].sort().map((v) => el('option', { value: v, text: v })));
    select.value = current;
  }

  function refilter() {
    range.hidden = field('time').value !== 'range';
    page = 0;
    render();
  }

  filters.addEventListener('change', refilter);
  field('q').addEventListener('input', refilter);
  filters.addEventListener('submit', (event) => event.preventDefault());
  document.getElementById('export').addEventListener('click', exportRows);
  prev.addEventListener('click', () => {
    page = Math.max(0, page - 1);
    render();
  });
  next.addEventListener('click', () => {
    page += 1;
    render();
  });

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
    if (rows.has(row.seq)) return;
    row.fresh = true;
    rows.set(row.seq, row);
    order.push(row);
    addOptions(providerSelect, providers, providersOf(row));
    addOptions(modelSelect, models, modelsOf(row));
    scheduleRender();
  });
  // A log entry changed (feedback, score or metadata set through the log API).
  events.addEventListener('log', (event) => {
    const { seq, log } = JSON.parse(event.data);
    const row = rows.get(seq);
    if (!row) return;
    row.log = log;
    row.haystack = undefined;
    scheduleRender();
  });
  events.addEventListener('reset', () => {
    rows.clear();
    order.length = 0;
    openSeq = null;
    page = 0;
    render();
  });
  render();
})();
