import { AiGatewayError } from './ai-gateway-error';
import { hasMarker } from './has-marker';
import { markError } from './mark-error';
import { withFields } from './with-fields';

const name = 'AI_AiGatewayMissingDependencyError';
declare const symbol: unique symbol;

/** The constructor options of `AiGatewayMissingDependencyError`. */
export interface AiGatewayMissingDependencyErrorOptions {
  /** The package that could not be loaded, e.g. `@ai-sdk/openai-compatible`. */
  packageName: string;
  /** What needs it, e.g. `ai-gateway-provider/providers/unified`. */
  neededBy: string;
  /** The versions that fit, e.g. `^1.0.0 (AI SDK 5), ^2.0.0 (AI SDK 6) or ^3.0.0 (AI SDK 7)`. */
  versions: string;
  cause?: unknown;
}

/**
 * An optional peer dependency is not installed. The message names the package, what needs it and
 * the install line: `ai-gateway-provider/providers/unified needs the package @ai-sdk/openai-compatible
 * (^3.0.0 for AI SDK 7, ...), which is not installed: npm install @ai-sdk/openai-compatible`.
 */
export class AiGatewayMissingDependencyError extends AiGatewayError {
  declare private readonly [symbol]: true;

  declare readonly packageName: string;
  declare readonly neededBy: string;

  constructor({ packageName, neededBy, versions, cause }: AiGatewayMissingDependencyErrorOptions) {
    super({ message: `${neededBy} needs the package ${packageName} (${versions}), which is not installed: npm install ${packageName}`, cause });
    markError(this, name);
    this.packageName = packageName;
    this.neededBy = neededBy;
  }

  static override isInstance(error: unknown): error is AiGatewayMissingDependencyError {
    return hasMarker(error, name);
  }

  override toJSON(): Record<string, unknown> {
    return withFields(super.toJSON(), this, ['packageName', 'neededBy']);
  }
}
