export { createHttpTransport, type HttpTransportSettings } from './create-http-transport';
