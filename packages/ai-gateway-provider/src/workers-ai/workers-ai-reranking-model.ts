import type { RerankingModelV4, RerankingModelV4CallOptions, RerankingModelV4Result } from '@ai-sdk/provider';
import { record, WorkersAiRunModel } from './run-workers-ai';

/** A Workers AI reranker (`@cf/baai/bge-reranker-base`) on the run route: `{ query, contexts, top_k }` → `{ response: [{ id, score }] }`. */
export class WorkersAiRerankingModel extends WorkersAiRunModel implements RerankingModelV4 {
  async doRerank(options: RerankingModelV4CallOptions): Promise<RerankingModelV4Result> {
    const texts = options.documents.type === 'text' ? options.documents.values : options.documents.values.map((v) => JSON.stringify(v));
    const input: Record<string, unknown> = { query: options.query, contexts: texts.map((text) => ({ text })), ...record(options.providerOptions?.['workers-ai']) };
    if (options.topN !== undefined) input.top_k = options.topN;
    const answer = await this.run(input, options);
    const list = record(answer.result).response;
    const ranking = (Array.isArray(list) ? list.map(record) : [])
      .map((r) => ({ index: Number(r.id), relevanceScore: Number(r.score) }))
      .sort((a, b) => b.relevanceScore - a.relevanceScore);
    return { ranking, response: { timestamp: new Date(), modelId: this.modelId, headers: answer.headers } };
  }
}
