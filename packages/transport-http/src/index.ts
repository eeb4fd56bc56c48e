/**
 * Sends gateway requests over HTTPS with `fetch`.
 * @packageDocumentation
 * @module @aigw/transport-http
 */
export { createHttpTransport, type HttpTransportSettings } from './create-http-transport';
export { createRestTransport, type RestTransportSettings } from './create-rest-transport';
