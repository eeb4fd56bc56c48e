/**
 * The provider-neutral core: each provider turns its request into an {@link Intent}, {@link plan}
 * decides the deterministic answer, and the provider encodes it in its own wire format.
 */
import { shortHash } from './binary.js';
import { echoText, splitInto, splitReply, tokenCount, toolResultText } from './deterministic.js';
import type { UpstreamLimits } from './limits.js';
import { schemaInstance } from './schema-instance.js';
import type { ReplyScript, ScriptFinishReason } from './types.js';

/** Everything a simulated provider needs to answer one call. */
export interface CallContext {
  provider: string;
  /** Upper-case HTTP method (POST unless the family accepts others). */
  method?: string;
  /** Endpoint path without query string or leading slash. */
  path: string;
  query: URLSearchParams;
  headers: Record<string, string>;
  body: Uint8Array;
  /** Parsed JSON body; undefined when the body is not JSON. */
  json: unknown;
  script: ReplyScript;
  signal: AbortSignal;
  /** Bounds on the work of the answer (schema instances, embeddings). */
  limits: UpstreamLimits;
}

/** A tool offered by the request. */
export interface ToolSpec {
  name: string;
  schema: unknown;
}

/** How the request constrains tool use. */
export type ToolChoice = { type: 'auto' } | { type: 'none' } | { type: 'required' } | { type: 'tool'; name: string };

/** What a chat request asks for, in neutral terms. */
export interface Intent {
  model: string;
  /** Text of the last user message (text parts joined with a newline). */
  lastUserText: string;
  /** When the last message is a tool result: its content as text. */
  toolResult: string | undefined;
  tools: ToolSpec[];
  toolChoice: ToolChoice;
  /** Structured output requested; `schema` undefined means "any JSON object". */
  json: { schema: unknown } | undefined;
  /** A tool that carries structured output (Anthropic/Bedrock `json` tool). */
  jsonToolName?: string;
  /** All prompt text, for the simulated input token count. */
  promptText: string;
}

interface AnswerBase {
  finishReason: ScriptFinishReason;
  usage: { input: number; output: number };
}

/** A text answer; `pieces` are the stream deltas and join to `text`. */
export interface TextAnswer extends AnswerBase {
  kind: 'text';
  text: string;
  pieces: string[];
}

/** A tool-call answer; `pieces` are the argument deltas and join to `argsText`. */
export interface ToolAnswer extends AnswerBase {
  kind: 'tool';
  /** Deterministic id suffix (providers add their own prefix), or the scripted id verbatim. */
  id: string;
  scriptedId: boolean;
  name: string;
  args: unknown;
  argsText: string;
  pieces: string[];
}

/** The decided answer of a chat call. */
export type Answer = TextAnswer | ToolAnswer;

/** The call id of a tool answer with the provider's prefix (unless the id was scripted). */
export function toolCallId(answer: ToolAnswer, prefix: string): string {
  return answer.scriptedId ? answer.id : `${prefix}${answer.id}`;
}

const schemaMarkers = /JSON schema:\s*|conforms to the following (?:JSON )?schema:\s*/g;

/** The JSON object text starting at `start` (balanced braces, strings respected), or undefined. */
function balancedObject(text: string, start: number): string | undefined {
  let depth = 0;
  let inString = false;
  for (let i = start; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === '{') depth++;
    else if (c === '}' && --depth === 0) return text.slice(start, i + 1);
  }
  return undefined;
}

/** How many of the last schema markers of a prompt are looked at (each may scan the rest of the prompt). */
const MARKERS_TRIED = 10;

/**
 * The JSON schema that an SDK injected into the prompt text for providers without native
 * structured output (after `JSON schema:` or `conforms to the following schema:`), if any: the
 * last one that parses, among the last few markers.
 */
export function schemaFromPrompt(promptText: string): unknown {
  // Only the last markers are kept: a prompt of a million markers must not cost a million scans.
  const starts: number[] = [];
  for (const match of promptText.matchAll(schemaMarkers)) {
    starts.push(match.index + match[0].length);
    if (starts.length > MARKERS_TRIED) starts.shift();
  }
  for (const start of starts.reverse()) {
    const text = promptText[start] === '{' ? balancedObject(promptText, start) : undefined;
    if (text === undefined) continue;
    try {
      const parsed: unknown = JSON.parse(text);
      if (isRecord(parsed)) return parsed;
    } catch {
      // not a schema
    }
  }
  return undefined;
}

/** Structured output asked natively, or by an injected "You MUST answer with ... JSON" instruction. */
function effectiveJson(intent: Intent): { schema: unknown } | undefined {
  const instructed = /You MUST answer with (?:only )?(?:a JSON object|JSON)|Return JSON that conforms to/.test(intent.promptText);
  if (intent.json === undefined && !instructed) return undefined;
  return { schema: intent.json?.schema ?? schemaFromPrompt(intent.promptText) };
}

function jsonText(intent: Intent, json: { schema: unknown }, limits: UpstreamLimits): string {
  if (json.schema === undefined) return JSON.stringify({ text: echoText(intent.lastUserText) });
  return JSON.stringify(schemaInstance(json.schema, intent.lastUserText, limits));
}

/**
 * Decides the answer:
 * 1. scripted `toolCall`, `json` or `text` win;
 * 2. last message a tool result → the structured-output tool when there is one, else JSON when
 *    structured output is requested, else `Tool result: <content>`;
 * 3. tools offered and tool choice not `none` → a call to the chosen (or first) tool, arguments an
 *    instance of its schema;
 * 4. structured output → a JSON instance of the schema (natively requested, or asked by an
 *    injected `JSON schema:` + `You MUST answer with ... JSON` prompt instruction);
 * 5. otherwise `echoText(lastUserText)`.
 *
 * Schema instances are bounded by `limits` (an `UpstreamLimitError` past them).
 */
export function plan(intent: Intent, script: ReplyScript, limits: UpstreamLimits): Answer {
  if (script.toolCall !== undefined) {
    const tool = intent.tools.find((t) => t.name === script.toolCall?.name);
    const args = script.toolCall.arguments ?? schemaInstance(tool?.schema ?? { type: 'object' }, intent.lastUserText, limits);
    return toolAnswer(intent, script, script.toolCall.name, args, script.toolCall.id);
  }
  if (script.json !== undefined) return textAnswer(intent, script, JSON.stringify(script.json));
  if (script.text !== undefined) return textAnswer(intent, script, script.text);
  const json = effectiveJson(intent);
  if (intent.toolResult !== undefined) {
    const jsonTool = intent.tools.find((t) => t.name === intent.jsonToolName);
    if (jsonTool !== undefined) return toolFor(intent, script, jsonTool, limits);
    if (json !== undefined) return textAnswer(intent, script, jsonText(intent, json, limits));
    return textAnswer(intent, script, toolResultText(intent.toolResult));
  }
  const choice = intent.toolChoice;
  if (intent.tools.length > 0 && choice.type !== 'none') {
    const chosen = choice.type === 'tool' ? intent.tools.find((t) => t.name === choice.name) : intent.tools[0];
    if (chosen !== undefined) return toolFor(intent, script, chosen, limits);
  }
  if (json !== undefined) return textAnswer(intent, script, jsonText(intent, json, limits));
  return textAnswer(intent, script, echoText(intent.lastUserText));
}

function toolFor(intent: Intent, script: ReplyScript, tool: ToolSpec, limits: UpstreamLimits): ToolAnswer {
  return toolAnswer(intent, script, tool.name, schemaInstance(tool.schema ?? { type: 'object' }, intent.lastUserText, limits));
}

function textAnswer(intent: Intent, script: ReplyScript, text: string): TextAnswer {
  const pieces = splitReply(text, script.chunks);
  const full = pieces.join('');
  return {
    kind: 'text',
    text: full,
    pieces,
    finishReason: script.finishReason ?? 'stop',
    usage: {
      input: script.usage?.input ?? tokenCount(intent.promptText),
      output: script.usage?.output ?? tokenCount(full),
    },
  };
}

function toolAnswer(intent: Intent, script: ReplyScript, name: string, args: unknown, id?: string): ToolAnswer {
  const argsText = JSON.stringify(args ?? {});
  const pieces =
    script.chunks === undefined
      ? splitInto(argsText, argsText.length >= 6 ? 3 : Math.min(3, Array.from(argsText).length), ' ')
      : splitInto(argsText, script.chunks, ' ');
  const full = pieces.join('');
  return {
    kind: 'tool',
    id: id ?? shortHash(`${intent.model}\n${name}\n${full}\n${intent.promptText}`),
    scriptedId: id !== undefined,
    name,
    args: args ?? {},
    argsText: full,
    pieces,
    finishReason: script.finishReason ?? 'tool_calls',
    usage: {
      input: script.usage?.input ?? tokenCount(intent.promptText),
      output: script.usage?.output ?? tokenCount(full),
    },
  };
}

/** A response/message id derived from the request, so identical requests get identical ids. */
export function responseId(prefix: string, context: CallContext): string {
  return `${prefix}${shortHash(`${context.provider}\n${context.path}\n${JSON.stringify(context.json ?? null)}`)}`;
}

/** Narrowing helpers for untyped JSON bodies. */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `value` when it is a string, else undefined. */
export function str(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/** `value` when it is an array, else an empty array. */
export function arr(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

/** `value` when it is a finite number, else undefined. */
export function num(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

/** A value as text: strings verbatim, anything else as JSON. */
export function asText(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value ?? null);
}
