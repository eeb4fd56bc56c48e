/**
 * The conformance suite for `GatewayTransport` implementations.
 * @packageDocumentation
 * @module @aigw/core/testing
 */
export { describeTransportConformance } from './describe-transport-conformance';
export type { ConformanceTarget, TransportConformanceOptions } from './conformance-target';
