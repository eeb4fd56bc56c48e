// @ts-check
/* global document, crypto, TextDecoderStream */
// The chat page's script: plain JavaScript, no build step. It keeps the conversation as AI SDK UI
// messages, POSTs it to /api/chat with each new message, and reads the answer as the AI SDK's UI
// message stream: server-sent events, one JSON chunk per `data:` line, ending with `data: [DONE]`.

/** @typedef {import('../src/chat').ChatMessage} ChatMessage */
/** @typedef {import('../src/metadata').ChatMessageMetadata} ChatMessageMetadata */
/** @typedef {import('ai').UIMessageChunk<ChatMessageMetadata>} Chunk */

const list = /** @type {HTMLOListElement} */ (document.getElementById('messages'));
const form = /** @type {HTMLFormElement} */ (document.getElementById('composer'));
const prompt = /** @type {HTMLTextAreaElement} */ (document.getElementById('prompt'));
const fault = /** @type {HTMLSelectElement} */ (document.getElementById('fault'));
const send = /** @type {HTMLButtonElement} */ (document.getElementById('send'));

/** The conversation so far, sent whole with each turn (the Worker keeps no state). */
/** @type {ChatMessage[]} */
const history = [];

form.addEventListener('submit', (event) => {
  event.preventDefault();
  void ask();
});
prompt.addEventListener('keydown', (event) => {
  if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
    event.preventDefault();
    form.requestSubmit();
  }
});

async function ask() {
  const text = prompt.value.trim();
  if (text === '' || send.disabled) return;
  prompt.value = '';
  send.disabled = true;
  /** @type {ChatMessage} */
  const question = { id: crypto.randomUUID(), role: 'user', parts: [{ type: 'text', text }] };
  history.push(question);
  addMessage('user').text.textContent = text;
  const answer = addMessage('assistant');
  try {
    const reply = await streamAnswer(answer);
    if (reply === undefined) history.splice(history.indexOf(question), 1); // a failed turn is not part of the chat
    else history.push(reply);
  } finally {
    send.disabled = false;
    prompt.focus();
  }
}

/**
 * Sends the conversation and shows the answer as it streams in. Resolves to the answer as a UI
 * message, or to undefined when the call failed (the error is shown in the page).
 * @param {MessageView} view
 * @returns {Promise<ChatMessage | undefined>}
 */
async function streamAnswer(view) {
  let text = '';
  /** @type {ChatMessageMetadata} */
  let metadata = {};
  let finished = false;
  try {
    const response = await fetch('/api/chat', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ messages: history, fault: fault.value }),
    });
    if (!response.ok || response.body === null) {
      const body = /** @type {{ error?: string } | null} */ (await response.json().catch(() => null));
      return view.fail(`HTTP ${response.status}: ${body?.error ?? response.statusText}`);
    }
    for await (const chunk of readChunks(response.body)) {
      if (chunk.type === 'text-delta') {
        text += chunk.delta;
        view.text.textContent = text;
        view.item.dataset.state = 'streaming';
        view.item.dataset.deltas = String(Number(view.item.dataset.deltas ?? '0') + 1);
      } else if ((chunk.type === 'start' || chunk.type === 'finish' || chunk.type === 'message-metadata') && chunk.messageMetadata !== undefined) {
        metadata = { ...metadata, ...chunk.messageMetadata };
        view.meta.textContent = describe(metadata);
      } else if (chunk.type === 'error') {
        return view.fail(chunk.errorText);
      }
      if (chunk.type === 'finish') finished = true;
    }
  } catch (error) {
    return view.fail(`The connection failed: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (!finished) return view.fail('Cut off: the answer stopped before its end.');
  view.item.dataset.state = 'done';
  return { id: crypto.randomUUID(), role: 'assistant', parts: [{ type: 'text', text }], metadata };
}

/**
 * The UI message stream's chunks, parsed from its server-sent events.
 * @param {ReadableStream<Uint8Array<ArrayBuffer>>} body
 * @returns {AsyncGenerator<Chunk>}
 */
async function* readChunks(body) {
  const reader = body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return;
    buffer += value;
    let end;
    while ((end = buffer.indexOf('\n\n')) !== -1) {
      const event = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      // Only `data:` lines carry chunks; a line starting with `:` is a keep-alive comment.
      const data = event
        .split('\n')
        .filter((line) => line.startsWith('data:'))
        .map((line) => line.slice(5).trimStart())
        .join('\n');
      if (data === '[DONE]') return;
      if (data !== '') yield /** @type {Chunk} */ (JSON.parse(data));
    }
  }
}

/**
 * One line about who answered: `claude-sonnet-4-5 (anthropic) · model 1 of 2 · cache MISS · log 01J…`.
 * @param {ChatMessageMetadata} metadata
 */
function describe(metadata) {
  const gateway = metadata.aigateway;
  if (gateway === undefined) return '';
  const parts = [`${gateway.modelId} (${gateway.provider})`, `model ${gateway.step + 1} of ${gateway.steps}${gateway.step > 0 ? ', after a fallback' : ''}`];
  // No cache status: caching did not apply to this request (no cache TTL on the gateway or the call).
  parts.push(`cache ${gateway.cacheStatus ?? 'off'}`);
  if (gateway.logId !== undefined) parts.push(`log ${gateway.logId}`);
  return parts.join(' · ');
}

/**
 * @typedef {object} MessageView
 * @property {HTMLLIElement} item `data-state`: waiting, streaming, done or error
 * @property {HTMLDivElement} text
 * @property {HTMLDivElement} meta
 * @property {HTMLDivElement} error
 * @property {(message: string) => undefined} fail shows the error (`Name: message`) and marks the message failed
 */

/**
 * @param {'user' | 'assistant'} role
 * @returns {MessageView}
 */
function addMessage(role) {
  const item = document.createElement('li');
  item.className = `message ${role}`;
  item.dataset.state = role === 'user' ? 'done' : 'waiting';
  const text = document.createElement('div');
  text.className = 'text';
  const meta = document.createElement('div');
  meta.className = 'meta';
  const error = document.createElement('div');
  error.className = 'error';
  error.setAttribute('role', 'alert');
  item.append(text, meta, error);
  list.append(item);
  item.scrollIntoView({ block: 'end' });
  return {
    item,
    text,
    meta,
    error,
    fail(message) {
      // `AiGatewayFallbackError: message`: the error's name in bold, then its message.
      const colon = message.indexOf(': ');
      const name = document.createElement('strong');
      name.className = 'error-name';
      name.textContent = colon > 0 ? message.slice(0, colon) : 'Error';
      const detail = document.createElement('span');
      detail.className = 'error-message';
      detail.textContent = colon > 0 ? message.slice(colon + 2) : message;
      error.replaceChildren(name, detail);
      item.dataset.state = 'error';
      return undefined;
    },
  };
}
