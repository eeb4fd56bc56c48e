// A chat Worker: the page comes from public/ (wrangler.jsonc `assets`), and POST /api/chat streams the
// answer with the AI SDK's UI message stream, through AI Gateway with a fallback of two models.
import { handleChat, type ChatEnv } from './chat';

export type Env = ChatEnv;

export default {
  async fetch(request: Request, env: Env): Promise<Response> {
    const url = new URL(request.url);
    if (url.pathname !== '/api/chat') return new Response('Not found. The chat page is at /.\n', { status: 404 });
    if (request.method !== 'POST') {
      return new Response('POST the chat as JSON: { "messages": [UIMessage, ...] }\n', { status: 405, headers: { allow: 'POST' } });
    }
    return handleChat(request, env);
  },
};
