/** Prices of one model in USD per million tokens. */
export interface ModelPrice {
  input: number;
  output: number;
}

/**
 * The emulator's price table, by model id (or `provider/model`): public list prices of common
 * models in USD per million tokens, so logged costs look like the gateway's. They are for tests and
 * local development, not a source of truth; `startEmulator({ prices })` adds or replaces entries.
 */
export const DEFAULT_PRICES: Readonly<Record<string, ModelPrice>> = {
  'gpt-5': { input: 1.25, output: 10 },
  'gpt-5-mini': { input: 0.25, output: 2 },
  'gpt-5-nano': { input: 0.05, output: 0.4 },
  'gpt-4o': { input: 2.5, output: 10 },
  'gpt-4o-mini': { input: 0.15, output: 0.6 },
  'gpt-4.1': { input: 2, output: 8 },
  'gpt-4.1-mini': { input: 0.4, output: 1.6 },
  'claude-opus-4-1': { input: 15, output: 75 },
  'claude-sonnet-4-5': { input: 3, output: 15 },
  'claude-haiku-4-5': { input: 1, output: 5 },
  'gemini-2.5-pro': { input: 1.25, output: 10 },
  'gemini-2.5-flash': { input: 0.3, output: 2.5 },
  'gemini-2.5-flash-lite': { input: 0.1, output: 0.4 },
  'mistral-large-latest': { input: 2, output: 6 },
  'mistral-small-latest': { input: 0.1, output: 0.3 },
  'llama-3.3-70b-versatile': { input: 0.59, output: 0.79 },
  'deepseek-chat': { input: 0.27, output: 1.1 },
  'grok-4': { input: 3, output: 15 },
  'text-embedding-3-small': { input: 0.02, output: 0 },
  'text-embedding-3-large': { input: 0.13, output: 0 },
};

/**
 * The cost of a logged answer from the price table (`provider/model` first, then `model`), or
 * undefined when the model is not in it or no token counts are known.
 */
export function priceOf(options: { prices: Readonly<Record<string, ModelPrice>>; provider: string; model: string; tokensIn?: number; tokensOut?: number }): number | undefined {
  const { prices, provider, model, tokensIn, tokensOut } = options;
  if (tokensIn === undefined && tokensOut === undefined) return undefined;
  const price = prices[`${provider}/${model}`] ?? prices[model];
  if (price === undefined) return undefined;
  // Rounded like the gateway's costs, to avoid 0.30000000000000004-style noise.
  return Math.round(((tokensIn ?? 0) * price.input + (tokensOut ?? 0) * price.output) * 1e6) / 1e12;
}
