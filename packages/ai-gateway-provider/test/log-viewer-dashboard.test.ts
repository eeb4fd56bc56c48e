import { readFile } from 'node:fs/promises';
import { createAnthropic } from '@ai-sdk/anthropic';
import { createOpenAI } from '@ai-sdk/openai';
import type { EmulatorCall, GatewayLogEntry } from '@aigw/emulator';
import { generateText, streamText } from 'ai';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createAiGateway, gatewayMetadata } from '../src';
import { fault, useEmulator } from './helpers';

// The log viewer's dashboard features (search, filters, totals, feedback, bodies, export, paging)
// in a real headless Chromium (Debian's `chromium`; CHROMIUM_PATH overrides the path), as a user clicks.
const CHROMIUM = globalThis.process?.env?.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** The emulator's clock runs `clockOffsetMs` behind: calls made meanwhile look that old to the page. */
let clockOffsetMs = 0;
const t = useEmulator({
  now: () => Date.now() - clockOffsetMs,
  gateways: { 'emulator-gateway': {}, cached: { cacheTtl: 60 }, locked: { authentication: true } },
});
let browser: Browser;
let context: BrowserContext;
let page: Page;

beforeAll(async () => {
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
  context = await browser.newContext({ viewport: { width: 1600, height: 1000 }, acceptDownloads: true });
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(t.emulator.viewerURL).origin });
  page = await context.newPage();
});
afterAll(async () => {
  await browser?.close();
});
beforeEach(() => {
  clockOffsetMs = 0;
});

const OPENAI_KEY = 'sk-openai-dashboard-secret-777';
const ANTHROPIC_KEY = 'sk-ant-dashboard-secret-888';
const openai = createOpenAI({ apiKey: OPENAI_KEY });
const anthropic = createAnthropic({ apiKey: ANTHROPIC_KEY });
const rows = () => page.locator('tbody tr.row');
const rowOf = (logId: string) => page.locator('tbody tr.row', { has: page.locator('.log-id code', { hasText: logId }) });
const total = async (name: string) => Number(await page.locator(`[data-total="${name}"]`).getAttribute('data-value'));
const apiBase = () => `${t.emulator.baseURL.replace(/\/v1$/, '')}/client/v4`;

async function openViewer(): Promise<void> {
  await page.goto(t.emulator.viewerURL);
  await expect.poll(() => page.locator('#live').getAttribute('data-state'), { timeout: 60_000 }).toBe('live');
}

/** Waits until the list shows `n` rows (the page renders a burst of rows at once, after it settles). */
async function expectRows(n: number): Promise<void> {
  await expect.poll(() => rows().count(), { timeout: 60_000 }).toBe(n);
}

/** A viewer "error": a status of 400 or more, a reset, a fault, a gateway error or refusal. */
function isError(call: EmulatorCall): boolean {
  return call.status >= 400 || call.status === 0 || (call.faults?.length ?? 0) > 0 || call.fault !== undefined || call.gatewayError !== undefined || call.refusal !== undefined;
}

/** Totals over some of the emulator's own calls, as the summary bar should show them. */
function totalsOf(calls: readonly EmulatorCall[], logs: readonly GatewayLogEntry[]) {
  const byId = new Map(logs.map((log) => [log.id, log]));
  const entries = calls.map((call) => byId.get(call.logId)).filter((log) => log !== undefined);
  return {
    requests: calls.length,
    cost: entries.reduce((sum, log) => sum + (log.cost ?? 0), 0),
    tokensIn: entries.reduce((sum, log) => sum + (log.tokens_in ?? 0), 0),
    tokensOut: entries.reduce((sum, log) => sum + (log.tokens_out ?? 0), 0),
    cacheHit: calls.filter((call) => call.cacheStatus === 'HIT').length / calls.length,
    errorRate: calls.filter(isError).length / calls.length,
  };
}

async function expectTotals(calls: readonly EmulatorCall[]): Promise<void> {
  const want = totalsOf(calls, t.emulator.logs);
  await expect.poll(() => total('requests'), { timeout: 60_000 }).toBe(want.requests);
  expect(await total('cost')).toBeCloseTo(want.cost, 12);
  expect(await total('tokens-in')).toBe(want.tokensIn);
  expect(await total('tokens-out')).toBe(want.tokensOut);
  expect(await total('cache-hit')).toBeCloseTo(want.cacheHit, 12);
  expect(await total('error-rate')).toBeCloseTo(want.errorRate, 12);
}

/** A time as the page's `datetime-local` inputs take it, in the browser's own time zone. */
async function localInput(ms: number): Promise<string> {
  return page.evaluate((at) => {
    const d = new Date(at);
    const pad = (n: number) => String(n).padStart(2, '0');
    return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
  }, ms);
}

describe('the log viewer’s dashboard in a browser', () => {
  it('searches, filters by model and time, sums the filtered rows, and marks streams, failed fallbacks and gateway errors', async () => {
    await openViewer();
    // Two calls made "two hours ago" by the emulator's clock.
    clockOffsetMs = 2 * 60 * 60_000;
    const old = t.gateway({ options: { metadata: { user: 'old-timer' } } });
    await generateText({ model: old(openai.chat('gpt-5-mini')), prompt: 'an old one' });
    await generateText({ model: old(openai.chat('gpt-5-mini')), prompt: 'another old one' });
    const oldCalls = [...t.emulator.calls];
    clockOffsetMs = 0;

    const aigateway = t.gateway({ options: { metadata: { user: 'grace' } } });
    const claude = await generateText({ model: aigateway(anthropic('claude-sonnet-4-5')), prompt: 'hello claude' });
    const streamed = streamText({ model: aigateway(openai.chat('gpt-5-nano')), prompt: 'a streamed one' });
    await streamed.consumeStream();
    const cached = t.gateway({ gateway: 'cached' });
    await generateText({ model: cached(openai.chat('gpt-4o-mini')), prompt: 'cache me' });
    await generateText({ model: cached(openai.chat('gpt-4o-mini')), prompt: 'cache me' });
    // A fallback whose every leg fails: the gateway relays the last leg's 503.
    const failing = (status: number) => createOpenAI({ apiKey: OPENAI_KEY, headers: fault({ status }) }).chat('gpt-5-mini');
    await expect(generateText({ model: aigateway([failing(500), failing(503)]), prompt: 'doomed', maxRetries: 0 })).rejects.toThrow();
    // A gateway error: an authenticated gateway called with a wrong token answers 401 / 2009.
    const locked = createAiGateway({ accountId: t.emulator.accountId, gateway: 'locked', apiKey: 'not-the-token', baseURL: t.emulator.baseURL });
    await expect(generateText({ model: locked(openai.chat('gpt-5-mini')), prompt: 'let me in', maxRetries: 0 })).rejects.toThrow();
    const calls = [...t.emulator.calls];
    expect(calls).toHaveLength(8);
    await expectRows(8);

    // The totals over every row match the emulator's own calls and logs.
    await expectTotals(calls);
    expect(await total('cost')).toBeGreaterThan(0);
    expect(await total('tokens-in')).toBeGreaterThan(0);

    // The log-id column, copyable.
    const claudeId = gatewayMetadata(claude)!.logId!;
    const claudeRow = rowOf(claudeId);
    expect(await claudeRow.count()).toBe(1);
    await claudeRow.locator('button.copy').click();
    await expect.poll(() => claudeRow.locator('button.copy').textContent(), { timeout: 60_000 }).toBe('copied');
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(claudeId);
    expect(await page.locator('tr.detail').count()).toBe(0); // the copy click does not open the row

    // The streamed answer has a badge; the others do not.
    expect(await page.locator('.badge.stream').count()).toBe(1);
    const streamId = calls.find((call) => call.streamed === true)!.logId;
    expect(await rowOf(streamId).locator('.badge.stream').count()).toBe(1);

    // Every leg failed: no "#1 ..." but "all legs failed" and the last status.
    const doomed = calls.find((call) => call.stepsTried.length === 2)!;
    expect(await rowOf(doomed.logId).locator('.answered').textContent()).toBe('all legs failed · 503');
    // The gateway's own error is a fault, with its own badge and filter.
    const gatewayError = calls.find((call) => call.gatewayError === 2009)!;
    expect(await rowOf(gatewayError.logId).locator('.badge.fault.gateway').textContent()).toBe('gateway error 2009');
    await page.selectOption('select[name=status]', 'gateway');
    await expectRows(1);
    expect(await rows().first().locator('.log-id code').textContent()).toBe(gatewayError.logId);
    await page.selectOption('select[name=status]', 'error');
    await expectRows(2);
    await expectTotals([doomed, gatewayError]);
    expect(await total('error-rate')).toBe(1);
    await page.selectOption('select[name=status]', '');

    // Search: a model, metadata, a log id.
    await page.fill('input[name=q]', 'claude');
    await expectRows(1);
    expect(await rows().first().locator('.log-id code').textContent()).toBe(claudeId);
    await page.fill('input[name=q]', 'old-timer');
    await expectRows(2);
    await expectTotals(oldCalls);
    await page.fill('input[name=q]', gatewayError.logId);
    await expectRows(1);
    await page.fill('input[name=q]', '');
    await expectRows(8);

    // The model filter lists the models seen.
    const modelOptions = await page.locator('select[name=model] option').allTextContents();
    expect(modelOptions).toEqual(expect.arrayContaining(['all', 'claude-sonnet-4-5', 'gpt-4o-mini', 'gpt-5-mini', 'gpt-5-nano']));
    await page.selectOption('select[name=model]', 'gpt-4o-mini');
    await expectRows(2);
    await expectTotals(calls.filter((call) => call.gateway === 'cached'));
    expect(await total('cache-hit')).toBe(0.5);
    await page.selectOption('select[name=model]', '');

    // Time: the last 60 minutes leave out the two old calls; from/to picks exactly them.
    await page.selectOption('select[name=time]', '60');
    await expectRows(6);
    await expectTotals(calls.slice(2));
    await page.selectOption('select[name=time]', 'range');
    await page.locator('#range').waitFor();
    const oldAt = Date.now() - 2 * 60 * 60_000;
    await page.fill('input[name=from]', await localInput(oldAt - 10 * 60_000));
    await page.fill('input[name=to]', await localInput(oldAt + 10 * 60_000));
    await expectRows(2);
    await expectTotals(oldCalls);
    await page.selectOption('select[name=time]', '');
    await expectRows(8);
  });

  it('loads full bodies with secrets redacted, takes feedback through the log API, and exports the filtered rows', async () => {
    await openViewer();
    const aigateway = t.gateway({ cloudflareApiToken: t.emulator.token, cloudflareApiBaseURL: apiBase(), logs: { lookups: 3, retryDelayMs: 5 } });
    const failing = createOpenAI({ apiKey: OPENAI_KEY, headers: fault({ status: 503 }) }).chat('gpt-5-mini');
    // A fallback goes as one universal request: its body carries each leg's headers, the provider keys included.
    const result = await generateText({ model: aigateway([failing, anthropic('claude-sonnet-4-5')]), prompt: 'the zebra-crossing question' });
    const logId = gatewayMetadata(result)!.logId!;
    const streamed = streamText({ model: aigateway(openai.chat('gpt-5-nano')), prompt: 'stream the aardvark' });
    await streamed.consumeStream();
    const streamedText = await streamed.text;
    await expectRows(2);
    const row = rowOf(logId);

    // Before the bodies are loaded, the prompt's words are not searchable.
    await page.fill('input[name=q]', 'zebra-crossing');
    await expectRows(0);
    await page.fill('input[name=q]', '');
    await expectRows(2);

    await row.click();
    const detail = page.locator('tr.detail');
    await detail.waitFor();
    await detail.locator('button.load-bodies').click();
    await detail.locator('.request-body pre').waitFor();
    const requestBody = (await detail.locator('.request-body pre').textContent())!;
    expect(requestBody).toContain('the zebra-crossing question');
    expect(requestBody).toContain('[REDACTED]');
    expect(requestBody).not.toContain(ANTHROPIC_KEY);
    expect(requestBody).not.toContain(OPENAI_KEY);
    const responseBody = (await detail.locator('.response-body pre').textContent())!;
    expect(responseBody).toContain(result.text);
    // Now the search finds the row by its prompt.
    await page.fill('input[name=q]', 'zebra-crossing');
    await expectRows(1);
    await page.fill('input[name=q]', '');
    await expectRows(2);

    // The streamed answer's body is the event stream, whole.
    const streamedRow = rowOf(t.emulator.calls.find((call) => call.streamed === true)!.logId);
    await streamedRow.click();
    await page.locator('tr.detail button.load-bodies').click();
    await page.locator('tr.detail .response-body pre').waitFor();
    const events = (await page.locator('tr.detail .response-body pre').textContent())!;
    expect(events).toContain('data: ');
    expect(events).toContain('[DONE]');
    for (const word of streamedText.split(' ').slice(0, 3)) expect(events).toContain(word);

    // Feedback: 👍 in the page is stored through the log API, as the client reads it.
    await row.locator('button.vote[data-feedback="1"]').click();
    await expect.poll(() => row.locator('button.vote[data-feedback="1"]').getAttribute('aria-pressed'), { timeout: 60_000 }).toBe('true');
    expect((await aigateway.logs.get(logId)).feedback).toBe(1);
    // Feedback the client sets through the log API shows in the page.
    await aigateway.logs.feedback(logId, { feedback: -1 });
    await expect.poll(() => row.locator('button.vote[data-feedback="-1"]').getAttribute('aria-pressed'), { timeout: 60_000 }).toBe('true');
    expect(await row.locator('button.vote[data-feedback="1"]').getAttribute('aria-pressed')).toBe('false');
    // 👎 again clears it.
    await row.locator('button.vote[data-feedback="-1"]').click();
    await expect.poll(() => row.locator('button.vote.chosen').count(), { timeout: 60_000 }).toBe(0);
    expect((await aigateway.logs.get(logId)).feedback).toBeNull();

    // Export: the filtered rows (here: the Anthropic one), calls and log entries, as a JSON file.
    await page.selectOption('select[name=provider]', 'anthropic');
    await expect.poll(() => rows().count(), { timeout: 60_000 }).toBe(1);
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#export')]);
    expect(download.suggestedFilename()).toMatch(/^aigw-emulator-logs-.*\.json$/);
    const exported = JSON.parse(await readFile(await download.path(), 'utf8')) as { count: number; rows: { call: EmulatorCall; log: GatewayLogEntry; bodies?: { request: string } }[] };
    expect(exported.count).toBe(1);
    expect(exported.rows).toHaveLength(1);
    const call = t.emulator.calls.find((c) => c.logId === logId)!;
    expect(exported.rows[0]!.call).toEqual(JSON.parse(JSON.stringify(call)));
    expect(exported.rows[0]!.log).toEqual(JSON.parse(JSON.stringify(t.emulator.logs.find((log) => log.id === logId))));
    expect(exported.rows[0]!.bodies?.request).toContain('zebra-crossing');
    const file = JSON.stringify(exported);
    expect(file).not.toContain(OPENAI_KEY);
    expect(file).not.toContain(ANTHROPIC_KEY);
    expect(file).not.toContain(t.emulator.token);
    const html = await page.content();
    expect(html).not.toContain(ANTHROPIC_KEY);
    expect(html).not.toContain(t.emulator.token);
  });

  it('pages through many calls', async () => {
    await openViewer();
    const aigateway = t.gateway();
    const model = aigateway(openai.chat('gpt-5-mini'));
    for (let batch = 0; batch < 6; batch += 1) {
      await Promise.all(Array.from({ length: 10 }, (_, i) => generateText({ model, prompt: `call ${batch * 10 + i}` })));
    }
    await page.selectOption('select[name=pageSize]', '25');
    await expectRows(25);
    const info = page.locator('#page-info');
    expect(await info.getAttribute('data-pages')).toBe('3');
    expect(await info.textContent()).toBe('1–25 of 60 · page 1 of 3');
    // Newest first: page 1 starts with the last call.
    const ids = [...t.emulator.calls].reverse().map((call) => call.logId);
    expect(await rows().first().locator('.log-id code').textContent()).toBe(ids[0]);
    expect(await page.locator('#prev').isDisabled()).toBe(true);
    await page.click('#next');
    await expect.poll(() => info.getAttribute('data-page'), { timeout: 60_000 }).toBe('2');
    expect(await rows().first().locator('.log-id code').textContent()).toBe(ids[25]);
    await page.click('#next');
    await expectRows(10);
    expect(await rows().last().locator('.log-id code').textContent()).toBe(ids[59]);
    expect(await page.locator('#next').isDisabled()).toBe(true);
    await page.click('#prev');
    await expectRows(25);
    // Totals cover every filtered row, not only the page.
    await expectTotals(t.emulator.calls);
    // A filter goes back to page 1.
    await page.fill('input[name=q]', 'gpt-5-mini');
    await expect.poll(() => info.getAttribute('data-page'), { timeout: 60_000 }).toBe('1');
  });
});
