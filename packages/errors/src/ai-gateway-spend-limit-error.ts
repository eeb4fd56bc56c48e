import { AiGatewayResponseError, type AiGatewayResponseErrorOptions } from './ai-gateway-response-error';
import { codeErrorOptions } from './code-error-options';
import { collectSecrets } from './collect-secrets';
import { hasMarker } from './has-marker';
import { markError } from './mark-error';
import { redactText } from './redact-text';
import { withFields } from './with-fields';

const name = 'AI_AiGatewaySpendLimitError';
declare const symbol: unique symbol;

export interface AiGatewaySpendLimitErrorOptions extends AiGatewayResponseErrorOptions {
  /** The spend bucket of a policy's cap, e.g. `user:alice`. */
  bucket?: string;
  /** What the bucket has spent, as the gateway reports it. */
  spent?: number;
  /** The bucket's cap. */
  limit?: number;
}

/** ` for bucket "user:a" (spent 5.2 of 5)`, from the fields the gateway sent. */
function details(options: AiGatewaySpendLimitErrorOptions): string {
  const bucket = options.bucket === undefined ? '' : ` for bucket ${JSON.stringify(options.bucket.slice(0, 200))}`;
  const spent = options.spent === undefined ? '' : `spent ${options.spent}`;
  const limit = options.limit === undefined ? '' : `limit ${options.limit}`;
  const amounts = [spent, limit].filter((part) => part !== '').join(', ');
  // `%` would start a placeholder of the message template.
  return `${bucket}${amounts === '' ? '' : ` (${amounts})`}`.replace(/%/g, '%\u200b');
}

/**
 * HTTP 429, a spend limit is exhausted: codes 2041 and 2045 (a spend limit rule of the gateway), or
 * no code at all (`{"success":false,"error":{"message":"Spending limit exceeded","bucket":…,"spent":…,"limit":…}}`,
 * a policy's spend cap). Not retryable: the limit holds until its window resets, so `maxRetries`
 * sends the request once.
 */
export class AiGatewaySpendLimitError extends AiGatewayResponseError {
  declare private readonly [symbol]: true;

  /** The spend bucket of a policy's cap (`user:alice`), when the gateway named it. */
  declare readonly bucket: string | undefined;
  /** What the bucket has spent, when the gateway said. */
  declare readonly spent: number | undefined;
  /** The bucket's cap, when the gateway said. */
  declare readonly limit: number | undefined;

  constructor(options: AiGatewaySpendLimitErrorOptions = {}) {
    const policy = options.code === null;
    super(
      codeErrorOptions(options, {
        code: 2041,
        statusCode: 429,
        isRetryable: false,
        message: policy
          ? `%L spending cap of a policy reached${details(options)} (HTTP 429)%Q. ` +
            "Requests of this bucket are refused until the cap's window resets; raise the cap in the gateway's policies."
          : `%L spend limit exceeded (code %C)${details(options)}%Q. ` +
            "Requests are refused until the limit's window resets; raise or remove the limit in the gateway settings.",
      }),
    );
    markError(this, name);
    // Scrubbed like the message: a bucket is named after the caller's identity (metadata).
    const { request } = options;
    this.bucket = options.bucket === undefined ? undefined : redactText(options.bucket, [...collectSecrets(request?.headers, request?.url, request?.body), ...(options.secrets ?? [])]);
    this.spent = options.spent;
    this.limit = options.limit;
  }

  static override isInstance(error: unknown): error is AiGatewaySpendLimitError {
    return hasMarker(error, name);
  }

  override toJSON(): Record<string, unknown> {
    return withFields(super.toJSON(), this, ['bucket', 'spent', 'limit']);
  }
}
