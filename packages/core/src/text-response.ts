const encoder = new TextEncoder();

const unusable = () => new TypeError('Body is unusable: Body has already been read');

/**
 * A `Response` whose body is text core has already read (to look for a gateway error envelope and
 * to turn a cut-off body into a typed error), handed to the provider's parser without being built
 * into a new stream: the text is encoded into a one-chunk stream only when someone asks for `body`
 * (every `@ai-sdk/provider-utils` of AI SDK 5, 6 and 7 reads a JSON answer that way), and `text()`
 * and `json()` get it at once. `new Response(text, { headers })` would copy every header, encode
 * the text and set up a stream per call.
 *
 * Defined on first use, not at import: naming the global `Response` makes Node load its whole fetch
 * implementation (undici, tens of milliseconds), which an app otherwise pays only when it first calls.
 */
const defineTextResponse = () =>
  class TextResponse extends Response {
    readonly #text: string;
    readonly #original: Response;
    #stream: ReadableStream<Uint8Array<ArrayBuffer>> | undefined;
    #used = false;

    constructor(text: string, original: Response) {
      super(null, { status: original.status, statusText: original.statusText });
      this.#text = text;
      this.#original = original;
    }

    override get headers(): Headers {
      return this.#original.headers;
    }

    override get url(): string {
      return this.#original.url;
    }

    override get redirected(): boolean {
      return this.#original.redirected;
    }

    override get type(): ResponseType {
      return this.#original.type;
    }

    override get body(): ReadableStream<Uint8Array<ArrayBuffer>> {
      // Pull-based, so that a stream asked for but never read leaves the body unused, as fetch's does.
      return (this.#stream ??= new ReadableStream<Uint8Array<ArrayBuffer>>(
        {
          pull: (controller) => {
            this.#used = true;
            controller.enqueue(encoder.encode(this.#text));
            controller.close();
          },
        },
        { highWaterMark: 0 },
      ));
    }

    override get bodyUsed(): boolean {
      return this.#used;
    }

    /** The text, once; a body already handed out as a stream is read through that stream. */
    #take(): Promise<string> {
      if (this.#used || this.#stream?.locked === true) return Promise.reject(unusable());
      if (this.#stream !== undefined) return new Response(this.#stream).text();
      this.#used = true;
      return Promise.resolve(this.#text);
    }

    override text(): Promise<string> {
      return this.#take();
    }

    override json(): Promise<unknown> {
      return this.#take().then((text) => JSON.parse(text) as unknown);
    }

    override bytes(): Promise<Uint8Array<ArrayBuffer>> {
      return this.#take().then((text) => encoder.encode(text));
    }

    override arrayBuffer(): Promise<ArrayBuffer> {
      return this.bytes().then((bytes) => (bytes.byteLength === bytes.buffer.byteLength ? bytes.buffer : bytes.slice().buffer));
    }

    override blob(): Promise<Blob> {
      return this.#take().then((text) => new Blob([text], { type: this.headers.get('content-type') ?? '' }));
    }

    override formData(): Promise<FormData> {
      return this.#take().then((text) => new Response(text, { headers: this.headers }).formData());
    }

    override clone(): Response {
      if (this.#used || this.#stream?.locked === true) throw unusable();
      if (this.#stream !== undefined) return new Response(this.#text, { status: this.status, statusText: this.statusText, headers: this.headers });
      return new TextResponse(this.#text, this.#original);
    }
  };
let TextResponse: ReturnType<typeof defineTextResponse> | undefined;

/**
 * Whether this runtime's `Response` can be subclassed with getters that win: where its members are
 * own properties of each instance (a Workers runtime on an old compatibility date), a subclass's
 * `body` and `headers` would be hidden behind empty ones.
 */
let subclassWorks: boolean | undefined;
function canSubclass(original: Response): boolean {
  if (subclassWorks === undefined) {
    try {
      TextResponse = defineTextResponse();
      const probe = new TextResponse('{}', original);
      subclassWorks = probe.headers === original.headers && probe.body instanceof ReadableStream && !Object.hasOwn(probe, 'body');
    } catch {
      subclassWorks = false;
    }
  }
  return subclassWorks;
}

/** The answer again, with its already-read text as its body: status, status text and headers kept. */
export function textResponse(text: string, original: Response): Response {
  if (canSubclass(original)) return new TextResponse!(text, original);
  return new Response(text, { status: original.status, statusText: original.statusText, headers: original.headers });
}
