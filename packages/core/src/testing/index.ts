export { describeTransportConformance } from './describe-transport-conformance';
export type { ConformanceTarget, TransportConformanceOptions } from './conformance-target';
