import { createAnthropic } from '@ai-sdk/anthropic';
import { createOpenAI } from '@ai-sdk/openai';
import { generateText, streamText } from 'ai';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fault, useEmulator } from './helpers';

// A real headless Chromium (Debian's `chromium` package; CHROMIUM_PATH overrides the path).
const CHROMIUM = globalThis.process?.env?.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

const t = useEmulator({ gateways: { 'emulator-gateway': { byok: { 'google-ai-studio': 'stored' } }, cached: { cacheTtl: 60 } } });
let browser: Browser;
let page: Page;

beforeAll(async () => {
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
  page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
});
afterAll(async () => {
  await browser?.close();
});

const OPENAI_KEY = 'sk-openai-viewer-secret-123456';
const ANTHROPIC_KEY = 'sk-ant-viewer-secret-654321';
const openai = createOpenAI({ apiKey: OPENAI_KEY });
const anthropic = createAnthropic({ apiKey: ANTHROPIC_KEY });
const rows = () => page.locator('tbody tr.row');

describe('the emulator’s log viewer in a browser', () => {
  it('lists requests live as they arrive, and shows their heads with secrets redacted', async () => {
    await page.goto(t.emulator.viewerURL);
    await expect.poll(() => page.locator('#live').getAttribute('data-state'), { timeout: 60_000 }).toBe('live');
    expect(await rows().count()).toBe(0);

    const failing = createOpenAI({ apiKey: OPENAI_KEY, headers: fault({ status: 503 }) }).chat('gpt-5-mini');
    const aigateway = t.gateway({ options: { metadata: { user: 'ada' } } });
    await generateText({ model: aigateway([failing, anthropic('claude-sonnet-4-5')]), prompt: 'first, with a fallback' });
    // The row appears without a reload.
    await rows().first().waitFor();
    expect(await rows().count()).toBe(1);
    const first = rows().first();
    expect(await first.locator('.step').count()).toBe(2);
    expect(await first.locator('.step[data-step="0"]').textContent()).toContain('openai');
    expect(await first.locator('.step[data-step="0"]').getAttribute('class')).toContain('failed');
    expect(await first.locator('.step[data-step="1"]').textContent()).toContain('anthropic');
    expect(await first.locator('.step[data-step="1"]').textContent()).toContain('claude-sonnet-4-5');
    expect(await first.locator('.answered').textContent()).toBe('#1 anthropic');
    expect(await first.locator('.status').textContent()).toBe('200');
    expect(await first.locator('.meta').textContent()).toBe('user=ada');

    const cached = t.gateway({ gateway: 'cached' });
    await generateText({ model: cached(openai.chat('gpt-5-mini')), prompt: 'cache me' });
    await generateText({ model: cached(openai.chat('gpt-5-mini')), prompt: 'cache me' });
    const streamed = streamText({ model: aigateway(openai.chat('gpt-5-nano')), prompt: 'a streamed one' });
    await streamed.consumeStream();
    await expect(generateText({ model: aigateway(createOpenAI({ apiKey: OPENAI_KEY, headers: fault({ status: 400 }) }).chat('gpt-5-mini')), prompt: 'bad', maxRetries: 0 })).rejects.toThrow();
    await expect.poll(() => rows().count(), { timeout: 60_000 }).toBe(5);
    // Newest first.
    expect(await rows().first().locator('.status').textContent()).toBe('400');
    expect(await page.locator('.badge.HIT').count()).toBe(1);
    expect(await page.locator('.badge.MISS').count()).toBe(1);

    // Filters: by status, provider and cache.
    await page.selectOption('select[name=status]', '4xx');
    expect(await rows().count()).toBe(1);
    await page.selectOption('select[name=status]', '');
    await page.selectOption('select[name=provider]', 'anthropic');
    expect(await rows().count()).toBe(1);
    await page.selectOption('select[name=provider]', '');
    await page.selectOption('select[name=cache]', 'HIT');
    expect(await rows().count()).toBe(1);
    await page.selectOption('select[name=cache]', '');
    expect(await rows().count()).toBe(5);

    // The detail view of the fallback call: request and response heads, secrets redacted.
    await rows().last().click();
    const detail = page.locator('tr.detail');
    await detail.waitFor();
    const requestHead = await detail.locator('.request-head pre').textContent();
    expect(requestHead).toContain('POST /v1/');
    expect(requestHead).toContain('cf-aig-metadata: {"user":"ada"}');
    const responseHead = await detail.locator('.response-head pre').textContent();
    expect(responseHead).toContain('HTTP 200');
    expect(responseHead).toContain('cf-aig-step: 1');
    const upstreamHead = await detail.locator('.upstream-head pre').textContent();
    expect(upstreamHead).toContain('x-api-key: [REDACTED]');
    const page_text = await page.content();
    expect(page_text).not.toContain(OPENAI_KEY);
    expect(page_text).not.toContain(ANTHROPIC_KEY);
    expect(page_text).not.toContain(t.emulator.token);

    if (globalThis.process?.env?.AIGW_VIEWER_SCREENSHOT !== undefined) {
      await page.screenshot({ path: globalThis.process.env.AIGW_VIEWER_SCREENSHOT, fullPage: true });
    }
  });

  it('shows a control-plane refusal as a badge', async () => {
    await page.goto(t.emulator.viewerURL);
    await expect.poll(() => page.locator('#live').getAttribute('data-state'), { timeout: 60_000 }).toBe('live');
    const denied = createOpenAI({ apiKey: OPENAI_KEY, headers: fault({ policy: 'deny' }) }).chat('gpt-5-mini');
    await expect(generateText({ model: t.gateway()(denied), prompt: 'refused', maxRetries: 0 })).rejects.toThrow(/policy/);
    await rows().first().waitFor();
    const row = rows().first();
    expect(await row.locator('.status').textContent()).toBe('403');
    expect(await row.locator('.badge.fault', { hasText: 'refused: policy-denied' }).count()).toBe(1);
  });

  it('shows the Auto Router’s decision, the ids, a linked trace’s spans and SSE padding', async () => {
    await page.goto(t.emulator.viewerURL);
    await expect.poll(() => page.locator('#live').getAttribute('data-state'), { timeout: 60_000 }).toBe('live');
    const link = { 'cf-aig-otel-trace-id': '4bf92f3577b34da6a3ce929d0e0e4736', 'cf-aig-otel-parent-span-id': '00f067aa0ba902b7' };
    const streamed = streamText({ model: t.gateway()('cloudflare/auto'), prompt: 'routed', headers: { ...link, 'x-emulator-sse-padding': '16' } });
    await streamed.consumeStream();
    await rows().first().waitFor();
    const row = rows().first();
    expect(await row.locator('.step').textContent()).toContain('auto → google-ai-studio');
    expect(await row.locator('.step .reason').textContent()).toBe('cost_optimal_within_pool');
    expect(await row.locator('.badge.trace').count()).toBe(1);
    expect(await row.locator('.badge.padding').textContent()).toBe('p×16');
    await row.click();
    const detail = page.locator('tr.detail');
    await detail.waitFor();
    const call = t.emulator.calls.at(-1)!;
    expect(await detail.locator('.ids pre').textContent()).toContain(`log     ${call.logId}`);
    const routing = await detail.locator('.routing-table tbody tr').textContent();
    expect(routing).toContain('google-ai-studio/gemini-2.5-flash');
    expect(routing).toContain(call.routing![0]!.decisionId);
    expect(await detail.locator('.spans h3').textContent()).toContain(link['cf-aig-otel-trace-id']);
    expect(await detail.locator('.span-table tbody tr').count()).toBe(2);
    expect(await detail.locator('.span-table tbody tr').first().textContent()).toContain('gen_ai.request.model=gemini-2.5-flash');
  });

  it('empties the list when the emulator is reset', async () => {
    await page.goto(t.emulator.viewerURL);
    await generateText({ model: t.gateway()(openai.chat('gpt-5-mini')), prompt: 'one' });
    await rows().first().waitFor();
    t.emulator.reset();
    await expect.poll(() => rows().count(), { timeout: 60_000 }).toBe(0);
  });
});
