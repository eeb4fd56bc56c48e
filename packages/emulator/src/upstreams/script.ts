import { isRecord } from './conversation.js';
import type { ReplyScript } from './types.js';
import { UpstreamError } from './upstream-error.js';

/** The default name of the request header that carries a JSON {@link ReplyScript}. */
export const REPLY_HEADER = 'x-emulator-reply';

/** The most stream chunks a script may ask for. */
export const MAX_CHUNKS = 10_000;
/** The longest scripted text. */
const MAX_TEXT = 1_000_000;

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
  // Bounded, so that one request cannot exhaust the emulator's memory (`chunks: 1e8`) or hold it for ever.
  const bounded = (name: keyof ReplyScript, min: number, max: number) => {
    const field = parsed[name];
    if (field !== undefined && (typeof field !== 'number' || !Number.isInteger(field) || field < min || field > max)) fail(`${name} must be an integer from ${min} to ${max}`);
  };
  bounded('chunks', 1, MAX_CHUNKS);
  bounded('status', 200, 599);
  bounded('latencyMs', 0, 600_000);
  bounded('chunkDelayMs', 0, 600_000);
  if (script.text !== undefined && typeof script.text === 'string' && script.text.length > MAX_TEXT) fail(`text must be at most ${MAX_TEXT} characters`);
  if (script.text !== undefined && typeof script.text !== 'string') fail('text must be a string');
  if (script.toolCall !== undefined && (!isRecord(script.toolCall) || typeof script.toolCall.name !== 'string')) {
    fail('toolCall must be {name, arguments?, id?}');
  }
  if (script.finishReason !== undefined && !['stop', 'length', 'tool_calls', 'content_filter'].includes(script.finishReason)) {
    fail('finishReason must be stop, length, tool_calls or content_filter');
  }
  if (script.operation !== undefined) checkOperation(script.operation);
  return script;
}

const OUTCOMES = new Set(['succeeded', 'failed', 'expired']);

function checkOperation(operation: unknown): void {
  if (!isRecord(operation)) fail('operation must be {polls?, outcome?, error?, fileExpired?}');
  for (const key of Object.keys(operation)) if (!['polls', 'outcome', 'error', 'fileExpired'].includes(key)) fail(`operation has the unknown field '${key}'`);
  const { polls, outcome, error, fileExpired } = operation;
  if (polls !== undefined && (typeof polls !== 'number' || !Number.isInteger(polls) || polls < 0 || polls > 1000)) fail('operation.polls must be an integer from 0 to 1000');
  if (outcome !== undefined && (typeof outcome !== 'string' || !OUTCOMES.has(outcome))) fail('operation.outcome must be succeeded, failed or expired');
  if (error !== undefined && (typeof error !== 'string' || error.length > 4096)) fail('operation.error must be a string of at most 4096 characters');
  if (fileExpired !== undefined && typeof fileExpired !== 'boolean') fail('operation.fileExpired must be true or false');
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
