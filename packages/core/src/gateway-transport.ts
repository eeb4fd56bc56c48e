import type { GatewayRequest } from './gateway-request';

/** Options for one send. */
export interface GatewaySendOptions {
  /** Aborts the send and, after the headers arrived, the response body. */
  readonly signal?: AbortSignal;
}

/**
 * Sends an encoded gateway request and returns the gateway's answer as a standard `Response`,
 * whatever its status: decoding the answer (errors, `cf-aig-step`, metadata) is core's job.
 *
 * A transport must: honour `signal` before and after the headers arrive; pass a streamed body
 * through without buffering; turn a network failure (refused, reset, DNS) into an `AiGatewayNetworkError`
 * from `@aigw/errors`; never follow a redirect (return the 3xx answer: core refuses it); never put a
 * secret in an error message.
 */
export interface GatewayTransport {
  /** Used in error messages, e.g. `http` or `binding`. */
  readonly name: string;
  /** The gateway id, when the transport knows it: error messages name it (e.g. for 2001). */
  readonly gateway?: string;
  /** Sends the request to the gateway and resolves with its answer, whatever the status. */
  send(request: GatewayRequest, options?: GatewaySendOptions): Promise<Response>;
  /**
   * The secret values this transport adds to requests (the gateway token, secret-looking extra
   * headers), so that core scrubs them from every error, wherever the gateway or a proxy echoes them.
   * A function, so that printing the transport never shows them.
   */
  secrets?(): readonly string[];
}
