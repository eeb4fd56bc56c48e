import { AiGatewayError } from './ai-gateway-error';
import { redactUrl } from './redact-url';
import { hasMarker } from './has-marker';
import { markError } from './mark-error';
import { withFields } from './with-fields';

const name = 'AI_AiGatewayUnroutableModelError';
declare const symbol: unique symbol;

/** The constructor options of `AiGatewayUnroutableModelError`. */
export interface AiGatewayUnroutableModelErrorOptions {
  /** The model's `provider` (e.g. `openai.chat`). */
  provider: string;
  /** The model's `modelId`. */
  modelId: string;
  /** The URL the model's request was going to. Only its host appears in the message. */
  url: string;
  cause?: unknown;
}

function hostOf(url: string): string | undefined {
  try {
    return new URL(url).host || undefined;
  } catch {
    return undefined;
  }
}

/**
 * A model's request goes to a host that no entry of the provider table maps to a gateway provider.
 * The message names the provider, the model id and the host (never the path or query string).
 */
export class AiGatewayUnroutableModelError extends AiGatewayError {
  declare private readonly [symbol]: true;

  declare readonly provider: string;
  declare readonly modelId: string;
  /** Host (and port) of the request URL; undefined when the URL could not be parsed. */
  declare readonly host: string | undefined;
  /** The request URL, redacted. */
  declare readonly url: string;

  constructor({ provider, modelId, url, cause }: AiGatewayUnroutableModelErrorOptions) {
    const host = hostOf(url);
    super({
      message:
        `Cannot route model ${JSON.stringify(modelId)} (provider ${JSON.stringify(provider)}) through AI Gateway: ` +
        `its requests go to ${host === undefined ? 'a URL that could not be parsed' : `host ${JSON.stringify(host)}`}, ` +
        'which no entry of the provider table maps to a gateway provider. To add a mapping, pass a provider entry in ' +
        "createAiGateway({ providers: [...] }) or force it with { model, provider: '<gateway provider id>' }.",
      cause,
    });
    markError(this, name);
    this.provider = provider;
    this.modelId = modelId;
    this.host = host;
    this.url = redactUrl(url);
  }

  static override isInstance(error: unknown): error is AiGatewayUnroutableModelError {
    return hasMarker(error, name);
  }

  override toJSON(): Record<string, unknown> {
    return withFields(super.toJSON(), this, ['provider', 'modelId', 'host']);
  }
}
