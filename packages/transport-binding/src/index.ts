export { createBindingTransport, type BindingTransportSettings } from './create-binding-transport';
export type { AiGatewayBinding, AiGatewayBindingRunOptions, AiGatewayBindingStep } from './ai-gateway-binding';
