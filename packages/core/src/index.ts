export type { GatewayRequest, GatewayStep } from './gateway-request';
export type { GatewaySendOptions, GatewayTransport } from './gateway-transport';
export { stepToObject, universalBody } from './universal-body';
