import type { DuplexOptions, Writable } from "node:stream";
import { createGzip, type ZlibOptions } from "node:zlib";

/**
 * Counts what `gzip -6` makes of the bytes written to it: the compression `docker push` applies, so the
 * figure estimates the compressed size of a layer that only exists uncompressed in the engine.
 */
export function createGzipCounter(): { sink: Writable; bytes: Promise<number> } {
  // A deep write buffer lets deflate run on the thread pool while the main thread scans the same bytes.
  // (zlib hands its options to the Transform constructor; @types/node just does not list the stream ones.)
  const options: ZlibOptions & DuplexOptions = {
    level: 6,
    chunkSize: 256 * 1024,
    writableHighWaterMark: 4 << 20,
  };
  const gzip = createGzip(options);
  let total = 0;
  gzip.on("data", (chunk: Buffer) => {
    total += chunk.length;
  });
  const bytes = new Promise<number>((resolve, reject) => {
    gzip.on("end", () => resolve(total));
    gzip.on("error", reject);
  });
  // The caller may abandon the count (cancelled run); the rejection must not go unhandled.
  bytes.catch(() => undefined);
  return { sink: gzip, bytes };
}

/** Resolves when `w` can take more data, or when it will never need to (closed, errored, or `until` settles). */
export function whenWritable(w: Writable, until?: Promise<unknown>): Promise<void> {
  if (!w.writableNeedDrain || w.destroyed) return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      w.off("drain", done);
      w.off("close", done);
      w.off("error", done);
      resolve();
    };
    w.on("drain", done);
    w.on("close", done);
    w.on("error", done);
    until?.then(done, done);
  });
}
