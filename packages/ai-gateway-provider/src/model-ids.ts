import type {
  CatalogModelId,
  WorkersAiEmbeddingModelId,
  WorkersAiImageModelId,
  WorkersAiRerankingModelId,
  WorkersAiSpeechModelId,
  WorkersAiTextModelId,
  WorkersAiTranscriptionModelId,
} from './model-ids.generated';

/**
 * The string ids each method of the provider takes, by model kind: the known ids as literals, which
 * editors offer as completions, and any other string (a model newer than this package's snapshot).
 */
export interface AiGatewayModelIds {
  /** `aigateway(id)`, `.chat(id)`, `.languageModel(id)`: Workers AI, the gateway catalog, or `dynamic/<route>`. */
  language: WorkersAiTextModelId | CatalogModelId | `dynamic/${string}`;
  /** `.embeddingModel(id)` */
  embedding: WorkersAiEmbeddingModelId;
  /** `.imageModel(id)` */
  image: WorkersAiImageModelId;
  /** `.speechModel(id)` */
  speech: WorkersAiSpeechModelId;
  /** `.transcriptionModel(id)` */
  transcription: WorkersAiTranscriptionModelId;
  /** `.rerankingModel(id)` */
  reranking: WorkersAiRerankingModelId;
}
