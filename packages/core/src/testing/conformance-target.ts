import type { GatewayTransport } from '../gateway-transport';

/**
 * A running AI Gateway double (`@aigw/emulator`) the conformance suite sends to. Plain data, so a
 * Node `globalSetup` can `provide` it to tests that run inside workerd.
 */
export interface ConformanceTarget {
  /** The emulator's base URL, e.g. `http://127.0.0.1:8787/v1`; the gateway lives at `{baseURL}/{accountId}/{gateway}`. */
  readonly baseURL: string;
  readonly accountId: string;
  /** Id of a gateway that exists in the emulator. */
  readonly gateway: string;
  /** A valid `cf-aig-authorization` token, when the gateway requires one. */
  readonly token?: string;
}

/** Options of `describeTransportConformance`. */
export interface TransportConformanceOptions {
  /** Shown in the suite's title, e.g. `http` or `binding (workerd)`. */
  readonly name: string;
  /** The emulator to send to; called once, in the suite's `beforeAll` (after the caller's own hooks). */
  target(): ConformanceTarget | Promise<ConformanceTarget>;
  /** The transport under test, aimed at `target`. */
  createTransport(target: ConformanceTarget): GatewayTransport | Promise<GatewayTransport>;
  /**
   * The same transport aimed at an address where nothing listens (connection refused). Without it,
   * the connection-refused case is skipped.
   */
  unreachable?(): GatewayTransport | Promise<GatewayTransport>;
  /** Whether the transport can send provider-mode (non-JSON) requests. Default true. */
  readonly providerMode?: boolean;
  /** How many sends the concurrency case runs at once. Default 1000. */
  readonly concurrency?: number;
}
