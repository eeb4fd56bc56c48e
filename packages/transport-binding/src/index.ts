/**
 * Sends gateway requests through the Workers binding `env.AI.gateway(id)`.
 * @packageDocumentation
 * @module @aigw/transport-binding
 */
export { createBindingTransport, type BindingTransportSettings } from './create-binding-transport';
export type { AiGatewayBinding, AiGatewayBindingRunOptions, AiGatewayBindingStep } from './ai-gateway-binding';
