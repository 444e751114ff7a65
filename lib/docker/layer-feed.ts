import { PassThrough } from "node:stream";
import type { LayerScan, ScanLayer } from "../analysis/types";
import { createGzipCounter, whenWritable } from "./stream-sinks";

export type FedLayer = {
  scan: Promise<LayerScan>;
  entryBytes: number;
  compressed: boolean;
  gzipEstimate?: Promise<number>;
};

const GZIP = [0x1f, 0x8b];
const ZSTD = [0x28, 0xb5, 0x2f, 0xfd];

function startsWith(head: Buffer, magic: number[]): boolean {
  return head.length >= magic.length && magic.every((b, i) => head[i] === b);
}

export function isCompressed(head: Buffer): boolean {
  return startsWith(head, GZIP) || startsWith(head, ZSTD);
}

export type FeedOptions = {
  scan: ScanLayer;
  /** "" when the entry's digest cannot be known before it is read (legacy layer.tar). */
  digest: string;
  size: number;
  estimateCompressed: boolean;
  /** Streams handed to a scanner; the reader destroys what is left in here when the run is cancelled. */
  live: Set<PassThrough>;
  onChunk: (n: number) => void;
};

/**
 * Hands one archive entry to the scanner while it streams past, and (for uncompressed layers) to a gzip
 * counter in parallel. Returns once the entry is fully read; the scan may still be finishing.
 * When the scanner answers without reading (a cache hit) or stops early, the rest of the entry is drained
 * so the archive keeps moving.
 */
export async function feedLayer(
  head: Buffer,
  rest: AsyncIterator<Buffer>,
  opts: FeedOptions,
): Promise<FedLayer> {
  const compressed = isCompressed(head);
  const counter = opts.estimateCompressed && !compressed ? createGzipCounter() : undefined;
  const pass = new PassThrough({ highWaterMark: 1 << 20 });
  // The scanner reports its own failure through its promise; a stray stream error must not crash the process.
  pass.on("error", () => undefined);
  opts.live.add(pass);

  let settled = false;
  const scan = Promise.resolve().then(() =>
    opts.scan({ digest: opts.digest, size: opts.size }, async () => pass),
  );
  const done = scan.then(
    () => undefined,
    () => undefined,
  );
  void done.then(() => {
    settled = true;
    opts.live.delete(pass);
  });

  let attached = true;
  let chunk: Buffer | undefined = head;
  while (chunk) {
    opts.onChunk(chunk.length);
    if (attached && (settled || pass.destroyed)) {
      attached = false;
      pass.destroy();
    }
    if (attached && !pass.write(chunk)) await whenWritable(pass, done);
    if (counter && !counter.sink.write(chunk)) await whenWritable(counter.sink);
    const next: IteratorResult<Buffer> = await rest.next();
    chunk = next.done ? undefined : next.value;
  }
  if (attached && !settled && !pass.destroyed) pass.end();
  else pass.destroy();
  counter?.sink.end();
  return { scan, entryBytes: opts.size, compressed, gzipEstimate: counter?.bytes };
}
