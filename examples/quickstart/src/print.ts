import { styleText } from 'node:util';

// styleText drops the colours by itself when stdout is not a terminal or NO_COLOR is set.
const paint = (format: Parameters<typeof styleText>[0], text: string) => styleText(format, text, { stream: process.stdout });

let section = 0;

/** A numbered section header with one line saying what it shows. */
export function heading(options: { title: string; about: string }): void {
  section += 1;
  console.log('');
  console.log(paint(['bold', 'cyan'], `── ${section}. ${options.title} ${'─'.repeat(Math.max(3, 60 - options.title.length))}`));
  console.log(paint('dim', options.about));
}

/** `  label  value`, the label padded so values line up. */
export function fact(label: string, value: string): void {
  console.log(`  ${paint('bold', label.padEnd(11))} ${value}`);
}

export function note(text: string): void {
  console.log(paint('dim', `  ${text}`));
}

export function title(text: string): void {
  console.log(paint(['bold', 'magenta'], text));
}

export function success(text: string): void {
  console.log('');
  console.log(paint(['bold', 'green'], text));
}

/** Writes a streamed token without a line break. */
export function token(text: string): void {
  process.stdout.write(paint('green', text));
}

/** The part of `providerMetadata.aigateway` worth showing, as one line. */
export function gatewayLine(metadata: unknown): string {
  if (typeof metadata !== 'object' || metadata === null) return 'no gateway metadata';
  const m = metadata as Record<string, unknown>;
  const parts = [`step ${String(m.step)} of ${String(m.steps ?? 1)}`, `provider ${String(m.provider)}`];
  if (typeof m.modelId === 'string') parts.push(`model ${m.modelId}`);
  parts.push(`cache ${typeof m.cacheStatus === 'string' ? m.cacheStatus : '-'}`);
  if (typeof m.logId === 'string') parts.push(`log ${m.logId}`);
  return parts.join(' · ');
}
