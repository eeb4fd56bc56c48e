import { styleText } from 'node:util';
import type { AiGatewayMetadata } from 'ai-gateway-provider';

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

/** The part of the gateway metadata worth showing, as one line. */
export function gatewayLine(metadata: AiGatewayMetadata | undefined): string {
  if (metadata === undefined) return 'no gateway metadata';
  const parts = [`step ${metadata.step} of ${metadata.steps}`, `provider ${metadata.provider}`, `model ${metadata.modelId}`];
  parts.push(`cache ${metadata.cacheStatus ?? '-'}`);
  if (metadata.logId !== undefined) parts.push(`log ${metadata.logId}`);
  return parts.join(' · ');
}
