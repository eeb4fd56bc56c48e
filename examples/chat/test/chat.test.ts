import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmulator, unusedPort, type Emulator } from '@aigw/emulator';
import { DefaultChatTransport, readUIMessageStream } from 'ai';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChatMessage } from '../src/chat';
import { interrupt, startChat, type StartedChat } from './processes';

// A real headless Chromium (Debian's `chromium` package; CHROMIUM_PATH overrides the path).
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
// Waits for a page condition: wide, for a busy machine (vitest's own timeout is 120 s).
const WAIT = { timeout: 90_000 };

// Keys the Worker gets as secrets (through a .env file): they must never reach the page.
const ANTHROPIC_KEY = 'sk-ant-chat-example-secret-4242';
const OPENAI_KEY = 'sk-chat-example-secret-2424';

let emulator: Emulator;
let chat: StartedChat;
let chatURL: string;
let browser: Browser;
let page: Page;
let envDir: string;
/** The request bodies the simulated Anthropic upstream received, oldest first. */
const anthropicBodies: { system?: unknown; messages: { role: string; content: unknown }[] }[] = [];

beforeAll(async () => {
  emulator = await startEmulator({
    gateways: { 'my-gateway': {} },
    upstreamOptions: {
      reply: (context) => {
        if (context.provider === 'anthropic') anthropicBodies.push(context.body as (typeof anthropicBodies)[number]);
        return undefined;
      },
    },
  });
  // A pause between streamed words, as a real model has, so the answer arrives in pieces.
  emulator.faults.set({ chunkDelayMs: 20 });
  envDir = mkdtempSync(join(tmpdir(), 'aigw-chat-'));
  writeFileSync(join(envDir, '.env'), `ANTHROPIC_API_KEY=${ANTHROPIC_KEY}\nOPENAI_API_KEY=${OPENAI_KEY}\n`);
  chat = startChat(['--port', String(await unusedPort()), '--emulator-url', emulator.baseURL, '--', '--env-file', join(envDir, '.env')]);
  chatURL = (await chat.waitFor(/chat ready: (http:\/\/127\.0\.0\.1:\d+\/)/))[1]!;
});
// A hook of its own, with a deadline of its own: on a loaded machine, starting wrangler dev alone can take a minute.
beforeAll(async () => {
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
  page = await browser.newPage();
  page.setDefaultTimeout(WAIT.timeout);
  await page.goto(chatURL);
});

afterAll(async () => {
  await browser?.close();
  if (chat) await interrupt(chat);
  await emulator?.close();
  if (envDir) rmSync(envDir, { recursive: true, force: true });
});

const answers = () => page.locator('#messages li.message.assistant');

/** Types the message as a user does, key by key, and sends it with Enter; resolves to the new answer once it has finished. */
async function say(text: string, fault = 'none'): Promise<Locator> {
  const before = await answers().count();
  await page.selectOption('#fault', fault);
  await page.locator('#prompt').pressSequentially(text);
  await page.keyboard.press('Enter');
  const answer = answers().nth(before);
  await answer.and(page.locator('[data-state="done"], [data-state="error"]')).waitFor(WAIT);
  return answer;
}

describe('the chat page in Chromium (wrangler dev, gateway emulator behind the binding double)', () => {
  it('streams the answer of the first model, with who answered below it', async () => {
    // Each streamed event of this answer comes at least 250 ms after the one before it.
    emulator.faults.set({ chunkDelayMs: 250 });
    // Every text the answer shows, with the page's clock.
    await page.evaluate(() => {
      const shown: { at: number; text: string }[] = [];
      (globalThis as { shown?: typeof shown }).shown = shown;
      const list = document.getElementById('messages')!;
      new MutationObserver(() => {
        const text = list.querySelector('li.assistant:last-child .text')?.textContent ?? '';
        if (text !== '' && text !== shown.at(-1)?.text) shown.push({ at: performance.now(), text });
      }).observe(list, { subtree: true, childList: true, characterData: true });
    });
    const answer = await say('Hello gateway');
    emulator.faults.set({ chunkDelayMs: 20 });
    expect(await answer.getAttribute('data-state')).toBe('done');
    expect(await answer.locator('.text').textContent()).toBe('Echo: Hello gateway');
    // The page showed the answer word by word as the words left the model, not all at once at
    // the end: nothing between the model and the page (the Worker, wrangler) held the stream back.
    const shown = await page.evaluate(() => (globalThis as { shown?: { at: number; text: string }[] }).shown!);
    expect(shown.map((entry) => entry.text)).toEqual(['Echo: ', 'Echo: Hello ', 'Echo: Hello gateway']);
    expect(shown[2]!.at - shown[0]!.at).toBeGreaterThanOrEqual(400);
    expect(Number(await answer.getAttribute('data-deltas'))).toBe(3);
    const call = emulator.calls.at(-1)!;
    expect(call.stepsTried).toEqual([0]);
    expect(call.attempts.map((attempt) => `${attempt.provider}/${attempt.model}`)).toEqual(['anthropic/claude-sonnet-4-5']);
    expect(await answer.locator('.meta').textContent()).toBe(`claude-sonnet-4-5 (anthropic) · model 1 of 2 · cache off · log ${call.logId}`);
    expect(call.logId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/); // the emulator logs UUIDv7 ids
    expect(await page.locator('#prompt').inputValue()).toBe('');
    expect(await page.locator('#send').isEnabled()).toBe(true);
  });

  it('sends the whole conversation with each turn', async () => {
    const answer = await say('And a second question');
    expect(await answer.locator('.text').textContent()).toBe('Echo: And a second question');
    const body = anthropicBodies.at(-1)!;
    expect(body.system).toEqual([{ type: 'text', text: 'You are a helpful assistant. Answer briefly.' }]);
    expect(body.messages.map((message) => message.role)).toEqual(['user', 'assistant', 'user']);
    expect(JSON.stringify(body.messages)).toContain('Echo: Hello gateway');
  });

  it('falls back to the second model when the first one fails, and says so', async () => {
    const answer = await say('Who answers?', 'first-model');
    expect(await answer.locator('.text').textContent()).toBe('Echo: Who answers?');
    const call = emulator.calls.at(-1)!;
    expect(call.stepsTried).toEqual([0, 1]);
    expect(call.step).toBe(1);
    expect(await answer.locator('.meta').textContent()).toBe(`gpt-5-mini (openai) · model 2 of 2, after a fallback · cache off · log ${call.logId}`);
  });

  it('shows a gateway error as its typed error, and leaves the failed turn out of the conversation', async () => {
    const answer = await say('Spend some credits', 'gateway-error');
    expect(await answer.getAttribute('data-state')).toBe('error');
    expect(await answer.locator('.error-name').textContent()).toBe('AiGatewayInsufficientCreditsError');
    expect(await answer.locator('.error-message').textContent()).toMatch(/^AI Gateway could not pay for this request with Unified Billing credits \(code 2021\)/);
    expect(await answer.locator('.text').textContent()).toBe('');
    expect(emulator.calls.at(-1)!.gatewayError).toBe(2021);

    const next = await say('Still there?');
    expect(await next.locator('.text').textContent()).toBe('Echo: Still there?');
    expect(JSON.stringify(anthropicBodies.at(-1)!.messages)).not.toContain('Spend some credits');
  });

  it('shows every leg of the fallback list when every model fails, and never a key', async () => {
    const answer = await say('Nobody home', 'every-model');
    expect(await answer.locator('.error-name').textContent()).toBe('AiGatewayFallbackError');
    const message = await answer.locator('.error-message').textContent();
    expect(message).toMatch(/^Every model of the fallback list failed \(2 tried\)/);
    expect(message).toMatch(/\[0\] anthropic claude-sonnet-4-5[\s\S]*\[1\] openai gpt-5-mini: HTTP 503/);
    // The Worker sent the keys upstream; the page never shows them.
    expect(emulator.calls.at(-1)!.attempts.at(-1)!.headers.authorization).toBe('[REDACTED]');
    const html = await page.content();
    expect(html).not.toContain(ANTHROPIC_KEY);
    expect(html).not.toContain(OPENAI_KEY);
    expect(await answers().count()).toBe(6);
  });

  it('refuses a chat that is too big, with the reason in the page', async () => {
    const before = await answers().count();
    await page.selectOption('#fault', 'none');
    // Pasted, not typed: over half a megabyte.
    await page.locator('#prompt').fill('x'.repeat(600_000));
    await page.keyboard.press('Enter');
    const answer = answers().nth(before);
    await answer.and(page.locator('[data-state="error"]')).waitFor(WAIT);
    expect(await answer.locator('.error-name').textContent()).toBe('HTTP 413');
    expect(await answer.locator('.error-message').textContent()).toBe('The chat is over 524288 bytes; start a new one.');
  });

  it('refuses a fault it does not know, before any model is called', async () => {
    const calls = emulator.calls.length;
    const response = await page.evaluate(async () => {
      const messages = [{ id: 'm1', role: 'user', parts: [{ type: 'text', text: 'hi' }] }];
      const answer = await fetch('/api/chat', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ messages, fault: 'meltdown' }) });
      return { status: answer.status, body: (await answer.json()) as { error: string } };
    });
    expect(response.status).toBe(400);
    expect(response.body.error).toBe('"fault" must be one of none, first-model, every-model, gateway-error; got "meltdown".');
    expect(emulator.calls.length).toBe(calls);
  });
});

describe('the same Worker with the AI SDK\'s own chat client (what useChat uses)', () => {
  it('reads the answer and its metadata through DefaultChatTransport', async () => {
    const transport = new DefaultChatTransport<ChatMessage>({ api: new URL('/api/chat', chatURL).href });
    const stream = await transport.sendMessages({
      trigger: 'submit-message',
      chatId: 'chat-1',
      messageId: undefined,
      messages: [{ id: 'u1', role: 'user', parts: [{ type: 'text', text: 'from useChat' }] }],
      abortSignal: undefined,
      body: { fault: 'first-model' },
    });
    let last: ChatMessage | undefined;
    for await (const message of readUIMessageStream<ChatMessage>({ stream, terminateOnError: true })) last = message;
    expect(last?.parts.filter((part) => part.type === 'text').map((part) => part.text)).toEqual(['Echo: from useChat']);
    expect(last?.metadata?.aigateway).toEqual({ step: 1, steps: 2, provider: 'openai', modelId: 'gpt-5-mini', logId: emulator.calls.at(-1)!.logId });
  });
});

describe('the one command (pnpm start)', () => {
  let started: StartedChat;
  let emulatorURL: string;
  let url: string;

  beforeAll(async () => {
    started = startChat(['--port', String(await unusedPort()), '--emulator-port', '0', '--chunk-delay', '0']);
    emulatorURL = (await started.waitFor(/gateway emulator on (http:\/\/127\.0\.0\.1:\d+\/v1)/))[1]!;
    url = (await started.waitFor(/chat ready: (http:\/\/127\.0\.0\.1:\d+\/)/))[1]!;
  });
  afterAll(async () => {
    if (started) await interrupt(started);
  });

  it('starts the emulator and the Worker: the page, and an answer through that emulator', async () => {
    const pageResponse = await fetch(url);
    expect(pageResponse.status).toBe(200);
    expect(await pageResponse.text()).toContain('<script type="module" src="/chat.js"></script>');
    // Through the emulator the script started, whose gateway stores the provider keys (no key in the Worker).
    const answer = await fetch(new URL('/api/chat', url), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ messages: [{ id: 'm1', role: 'user', parts: [{ type: 'text', text: 'one command' }] }] }),
    });
    expect(answer.headers.get('x-vercel-ai-ui-message-stream')).toBe('v1');
    const stream = await answer.text();
    expect(stream).toContain('"delta":"command"');
    expect(stream).toContain('"provider":"anthropic"');
    expect(stream.trimEnd().endsWith('data: [DONE]')).toBe(true);
  });

  it('stops both on Ctrl-C', async () => {
    expect(await interrupt(started)).toEqual({ code: 0, signal: null });
    // Nothing listens on either port any more.
    await expect(fetch(url)).rejects.toThrow();
    await expect(fetch(`${emulatorURL}/emulator-account/my-gateway`)).rejects.toThrow();
  });
});
