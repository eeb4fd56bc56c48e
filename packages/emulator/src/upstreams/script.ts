import { isRecord } from './conversation.js';
import type { ReplyScript } from './types.js';
import { UpstreamError } from './upstream-error.js';

/** The default name of the request header that carries a JSON {@link ReplyScript}. */
export const REPLY_HEADER = 'x-emulator-reply';

function fail(message: string): never {
  throw new UpstreamError({ status: 400, message: `Invalid ${REPLY_HEADER} header: ${message}` });
}

/** Parses and checks the JSON of a reply-script header; throws a 400 {@link UpstreamError} when invalid. */
export function parseReplyScript(value: string | undefined): ReplyScript {
  if (value === undefined || value.trim() === '') return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch {
    fail('not JSON');
  }
  if (!isRecord(parsed)) fail('expected a JSON object');
  const script = parsed as ReplyScript;
  const positive = (name: keyof ReplyScript, min: number) => {
    const field = parsed[name];
    if (field !== undefined && (typeof field !== 'number' || !Number.isFinite(field) || field < min)) fail(`${name} must be a number >= ${min}`);
  };
  positive('chunks', 1);
  positive('status', 100);
  positive('latencyMs', 0);
  positive('chunkDelayMs', 0);
  if (script.text !== undefined && typeof script.text !== 'string') fail('text must be a string');
  if (script.toolCall !== undefined && (!isRecord(script.toolCall) || typeof script.toolCall.name !== 'string')) {
    fail('toolCall must be {name, arguments?, id?}');
  }
  if (script.finishReason !== undefined && !['stop', 'length', 'tool_calls', 'content_filter'].includes(script.finishReason)) {
    fail('finishReason must be stop, length, tool_calls or content_filter');
  }
  return script;
}

/** The error a script with `status` >= 400 asks for, or undefined. */
export function scriptedError(script: ReplyScript): UpstreamError | undefined {
  if (script.status === undefined || script.status < 400) return undefined;
  const error = script.error;
  const details = typeof error === 'object' ? error : {};
  return new UpstreamError({
    status: script.status,
    message: typeof error === 'string' ? error : (details.message ?? `Scripted error ${script.status}`),
    ...(details.type === undefined ? {} : { type: details.type }),
    ...(details.code === undefined ? {} : { code: details.code }),
    body: script.errorBody,
  });
}
