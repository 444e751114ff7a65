import { createHash, type Hash } from "node:crypto";
import os from "node:os";
import { pipeline } from "node:stream/promises";
import tar from "tar-stream";
import type { LayerScan } from "../analysis/types";
import { BasescopeError } from "../errors";
import {
  asDecompressError,
  createDecompressor,
  MAX_ZSTD_WINDOW,
  SNIFF_BYTES,
  sniffCompression,
  zstdWindowSize,
} from "./decompress";
import { waitForExtract } from "./extract-sink";
import { DEFAULT_LIMITS, type ScanHooks, type ScanOptions } from "./hooks";
import { TarWalker } from "./tar-walker";

export type LayerDesc = { digest: string; mediaType?: string; size?: number };
export type ScanLayerFn = (
  blob: NodeJS.ReadableStream,
  desc: LayerDesc,
  opts?: ScanOptions,
) => Promise<LayerScan>;

/** Where a failure came from decides what the user is told. */
class InputError extends Error {}

function digestAlgorithm(digest: string): string {
  const algo = digest ? digest.slice(0, digest.indexOf(":")) : "sha256";
  if (algo === "sha256" || algo === "sha384" || algo === "sha512") return algo;
  throw new BasescopeError("InvalidInput", `The layer digest "${digest}" uses an unsupported algorithm.`);
}

function cancelled(): BasescopeError {
  return new BasescopeError("Cancelled", "The run was cancelled.");
}

/** Reads the blob, counting and hashing every compressed byte exactly once whoever consumes it. */
class BlobReader {
  readonly hash: Hash;
  bytes = 0;
  done = false;
  private readonly it: AsyncIterator<string | Buffer>;
  private readonly onAbort = () => this.abort();

  constructor(
    private readonly blob: NodeJS.ReadableStream,
    algo: string,
    private readonly opts: ScanOptions,
  ) {
    this.hash = createHash(algo);
    this.it = blob[Symbol.asyncIterator]();
    opts.signal?.addEventListener("abort", this.onAbort, { once: true });
  }

  /** A read pending on a stalled network body would hold everything up; destroying the body ends it. */
  abort(): void {
    if (this.done) return;
    const destroy = (this.blob as { destroy?: () => void }).destroy;
    if (typeof destroy === "function") destroy.call(this.blob);
  }

  async next(): Promise<Buffer | null> {
    if (this.opts.signal?.aborted) throw cancelled();
    let r: IteratorResult<string | Buffer>;
    try {
      r = await this.it.next();
    } catch (e) {
      if (this.opts.signal?.aborted) throw cancelled();
      throw new InputError(e instanceof Error ? e.message : String(e), { cause: e });
    }
    if (r.done) {
      this.done = true;
      return null;
    }
    const chunk = typeof r.value === "string" ? Buffer.from(r.value, "latin1") : r.value;
    this.hash.update(chunk);
    this.bytes += chunk.length;
    this.opts.onBytes?.(chunk.length);
    return chunk;
  }

  async head(n: number): Promise<Buffer> {
    const parts: Buffer[] = [];
    let have = 0;
    while (have < n) {
      const c = await this.next();
      if (!c) break;
      parts.push(c);
      have += c.length;
    }
    return parts.length === 1 ? parts[0] : Buffer.concat(parts);
  }

  /** Reads to the end only to learn the digest (after a decode error: was the download corrupted?). */
  async drain(): Promise<void> {
    while (!this.done) await this.next();
  }

  close(): void {
    this.opts.signal?.removeEventListener("abort", this.onAbort);
    this.abort();
  }
}

function classify(e: unknown, walkerError: Error | null, compression: string, signal?: AbortSignal) {
  if (walkerError instanceof BasescopeError) return walkerError;
  if (signal?.aborted || (e instanceof Error && e.name === "AbortError")) return cancelled();
  if (e instanceof BasescopeError) return e;
  if (e instanceof InputError) {
    // The blob stream's own typed error (a stalled or dropped download, a digest mismatch) says more than
    // "reading failed", and decides whether a retry can help.
    if (e.cause instanceof BasescopeError) return e.cause;
    return new BasescopeError("CorruptLayer", `Reading the layer failed: ${e.message}`, { cause: e });
  }
  const dec = asDecompressError(e, compression as "gzip");
  if (dec) return dec;
  const msg = (walkerError ?? (e instanceof Error ? e : new Error(String(e)))).message;
  return new BasescopeError("CorruptLayer", `The layer is not a valid tar archive (${msg}).`, { cause: e });
}

/** `zstdBinary` forces (true) or forbids (false) the zstd program; by default it is used when present. */
export function createLayerScanner(hooks: ScanHooks, impl: { zstdBinary?: boolean } = {}): ScanLayerFn {
  return async function scanLayer(blob, desc, opts = {}) {
    const limits = { ...DEFAULT_LIMITS, ...opts.limits };
    const algo = digestAlgorithm(desc.digest);
    if (opts.signal?.aborted) throw cancelled();
    const reader = new BlobReader(blob, algo, opts);
    const extract = tar.extract();
    const walker = new TarWalker(extract, hooks, limits, os.tmpdir());
    const diff = createHash("sha256");
    let tarBytes = 0;
    let compression: ReturnType<typeof sniffCompression> = "none";

    const checkDigest = () => {
      const got = `${algo}:${reader.hash.digest("hex")}`;
      if (desc.digest && got !== desc.digest)
        throw new BasescopeError("DigestMismatch", `The layer's bytes hash to ${got}, not ${desc.digest}.`);
      return got;
    };

    const willDrain = (err: BasescopeError) => err.kind === "CorruptLayer" && !!desc.digest;

    try {
      const head = await reader.head(SNIFF_BYTES);
      compression = sniffCompression(head);
      if (compression === "zstd") {
        const window = zstdWindowSize(head) ?? 0;
        if (window > MAX_ZSTD_WINDOW)
          throw new BasescopeError("LimitExceeded", `The zstd layer asks for a ${window}-byte window.`);
      }
      const source = async function* () {
        if (head.length) yield head;
        for (let c = await reader.next(); c; c = await reader.next()) yield c;
      };
      const sink = async (src: AsyncIterable<Buffer>) => {
        try {
          await feed(src);
        } catch (e) {
          if (!willDrain(classify(e, walker.error, compression, opts.signal))) reader.abort();
          throw e;
        }
      };
      const feed = async (src: AsyncIterable<Buffer>) => {
        for await (const chunk of src) {
          diff.update(chunk);
          tarBytes += chunk.length;
          if (tarBytes > limits.maxTarBytes)
            throw new BasescopeError(
              "LimitExceeded",
              `The layer unpacks to more than ${limits.maxTarBytes} bytes.`,
            );
          if (walker.error) throw walker.error;
          if (!extract.write(chunk)) await waitForExtract(extract, "drain");
        }
        const finished = waitForExtract(extract, "finish");
        extract.end(undefined);
        await finished;
        if (walker.error) throw walker.error;
      };
      const decompressor = createDecompressor(compression, impl);
      try {
        if (decompressor) await pipeline(source, decompressor, sink, { signal: opts.signal });
        else await pipeline(source, sink, { signal: opts.signal });
      } catch (e) {
        const err = classify(e, walker.error, compression, opts.signal);
        // Corrupt data usually means a damaged download; the digest says so more usefully.
        if (willDrain(err) && !(e instanceof InputError)) {
          await reader.drain();
          checkDigest();
        }
        throw err;
      }
      await walker.settle();
      const digest = checkDigest();
      return {
        digest,
        diffId: `sha256:${diff.digest("hex")}`,
        compression,
        compressedBytes: reader.bytes,
        tarBytes,
        uncompressedBytes: walker.uncompressedBytes,
        fileCount: walker.fileCount,
        entries: walker.entries,
        files: walker.files,
        packageDbs: walker.packageDbs,
      };
    } finally {
      if (!extract.destroyed) extract.destroy();
      reader.close();
      await walker.settle();
      walker.cleanup();
    }
  };
}
