/**
 * A reader's chunks as a new stream, passed through as they are read (pull-based: nothing buffered).
 * A failed read errors the stream with `mapError`'s answer (default: the read's own error).
 */
export function readerStream(reader: ReadableStreamDefaultReader<Uint8Array>, mapError?: (error: unknown) => Promise<unknown>): ReadableStream<Uint8Array> {
  // The handlers are made once per stream, not once per chunk.
  let onChunk!: (next: ReadableStreamReadResult<Uint8Array>) => void;
  let onError!: (error: unknown) => Promise<void> | void;
  return new ReadableStream<Uint8Array>(
    {
      start: (controller) => {
        onChunk = (next) => {
          if (next.done) controller.close();
          else controller.enqueue(next.value);
        };
        onError = mapError === undefined ? (error) => controller.error(error) : async (error) => controller.error(await mapError(error));
      },
      pull: () => reader.read().then(onChunk, onError),
      cancel: (reason) => reader.cancel(reason),
    },
    { highWaterMark: 0 },
  );
}
