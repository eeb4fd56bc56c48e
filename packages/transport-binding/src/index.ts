/**
 * Sends gateway requests through the Workers binding `env.AI.gateway(id)`, and resumes a dropped stream through `env.AI.fetch`.
 * @packageDocumentation
 * @module @aigw/transport-binding
 */
export { createBindingTransport, type BindingTransportSettings } from './create-binding-transport';
export type { AiGatewayBinding, AiGatewayBindingRunOptions, AiGatewayBindingStep } from './ai-gateway-binding';
export { withResume, type ResumeOptions } from './resume/resumable-transport';
export type { ResumeFetch } from './resume/resumable-body';
