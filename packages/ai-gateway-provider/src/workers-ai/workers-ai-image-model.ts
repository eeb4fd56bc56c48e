import type { ImageModelV4, ImageModelV4CallOptions, ImageModelV4Result, SharedV4Warning } from '@ai-sdk/provider';
import { fromBase64, missingPayload, record, WorkersAiRunModel, type WorkersAiRunAnswer } from './run-workers-ai';

/**
 * A Workers AI text-to-image model (`@cf/black-forest-labs/flux-1-schnell`, Stable Diffusion, ...)
 * on the run route. One image per request: the AI SDK asks `n` times. Flux answers
 * `{ result: { image: base64 } }`; other models answer the PNG bytes.
 */
export class WorkersAiImageModel extends WorkersAiRunModel implements ImageModelV4 {
  readonly maxImagesPerCall = 1;

  async doGenerate(options: ImageModelV4CallOptions): Promise<ImageModelV4Result> {
    const warnings: SharedV4Warning[] = [];
    const input: Record<string, unknown> = { prompt: options.prompt ?? '', ...record(options.providerOptions['workers-ai']) };
    if (options.size !== undefined) {
      const [width, height] = options.size.split('x').map(Number);
      input.width = width;
      input.height = height;
    }
    if (options.aspectRatio !== undefined) warnings.push({ type: 'unsupported', feature: 'aspectRatio', details: 'Workers AI takes width and height (use size).' });
    if (options.seed !== undefined) input.seed = options.seed;
    if (options.files !== undefined || options.mask !== undefined) warnings.push({ type: 'unsupported', feature: 'files', details: 'Input images are not sent on this route.' });
    const answer = await this.run(input, options);
    const image = answer.bytes ?? imageOf(answer);
    return { images: [image], warnings, response: { timestamp: new Date(), modelId: this.modelId, headers: answer.headers } };
  }
}

function imageOf(answer: WorkersAiRunAnswer): Uint8Array {
  const image = record(answer.result).image;
  if (typeof image !== 'string') throw missingPayload(answer, 'an image (no result.image)');
  return fromBase64(image);
}
