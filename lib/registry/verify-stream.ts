import { createHash, type Hash } from "node:crypto";
import { Readable } from "node:stream";
import { BasescopeError } from "../errors";
import { networkError, unreachable } from "./http";

/**
 * Blob bodies hashed and counted as they stream, failing at the end when the bytes are not what the manifest
 * promised (DigestMismatch / CorruptLayer). Nothing is buffered beyond the stream's high-water mark.
 */
export type VerifyOptions = {
  digest: string;
  /** Expected length; a longer body fails as soon as it overruns. */
  size?: number;
  registry: string;
  what: string;
  idleTimeoutMs: number;
  onBytes?: (n: number) => void;
};

const ALGORITHMS: Record<string, string> = { sha256: "sha256", sha384: "sha384", sha512: "sha512" };

export function hasherFor(digest: string): Hash {
  const algorithm = ALGORITHMS[digest.slice(0, digest.indexOf(":"))];
  if (!algorithm)
    throw new BasescopeError(
      "UnsupportedMediaType",
      `The digest algorithm of ${digest.slice(0, 80)} is not supported.`,
    );
  return createHash(algorithm);
}

export function digestOf(bytes: Uint8Array, like = "sha256:"): string {
  const algo = like.slice(0, like.indexOf(":"));
  return `${algo}:${hasherFor(like).update(bytes).digest("hex")}`;
}

/**
 * The fetch body as a Node Readable that verifies as it goes. The idle clock runs only while a read is
 * waiting on the network, so a slow consumer (backpressure) never looks like a stalled registry.
 */
class VerifiedBlob extends Readable {
  private readonly hash: Hash;
  private readonly reader: ReadableStreamDefaultReader<Uint8Array>;
  private bytes = 0;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    body: ReadableStream<Uint8Array>,
    private readonly abort: (reason: unknown) => void,
    private readonly o: VerifyOptions,
  ) {
    super({ highWaterMark: 1 << 20 });
    this.hash = hasherFor(o.digest);
    this.reader = body.getReader();
  }

  override _read(): void {
    this.timer = setTimeout(() => {
      this.destroy(
        unreachable(
          this.o.registry,
          `it stopped sending ${this.o.what} for ${this.o.idleTimeoutMs / 1000} s`,
        ),
      );
    }, this.o.idleTimeoutMs);
    this.reader.read().then(
      ({ done, value }) => {
        clearTimeout(this.timer);
        if (this.destroyed) return;
        if (done) return this.finish();
        this.bytes += value.byteLength;
        if (this.o.size !== undefined && this.bytes > this.o.size) {
          return this.destroy(
            new BasescopeError(
              "CorruptLayer",
              `The registry sent more than the ${this.o.size} bytes the manifest gives for ${this.o.what}.`,
            ),
          );
        }
        this.hash.update(value);
        this.o.onBytes?.(value.byteLength);
        this.push(Buffer.from(value.buffer, value.byteOffset, value.byteLength));
      },
      (e: unknown) => {
        clearTimeout(this.timer);
        if (!this.destroyed) this.destroy(e instanceof BasescopeError ? e : networkError(this.o.registry, e));
      },
    );
  }

  private finish(): void {
    if (this.o.size !== undefined && this.bytes !== this.o.size) {
      return void this.destroy(
        new BasescopeError(
          "CorruptLayer",
          `${this.o.what} ended after ${this.bytes} of ${this.o.size} bytes.`,
        ),
      );
    }
    const actual = `${this.o.digest.slice(0, this.o.digest.indexOf(":"))}:${this.hash.digest("hex")}`;
    if (actual !== this.o.digest) {
      return void this.destroy(
        new BasescopeError(
          "DigestMismatch",
          `${this.o.what} does not match its digest: expected ${this.o.digest}, got ${actual}. The download was corrupted or the registry is serving bad data.`,
        ),
      );
    }
    this.push(null);
  }

  override _destroy(err: Error | null, cb: (error: Error | null) => void): void {
    clearTimeout(this.timer);
    if (err || !this.readableEnded) {
      // Stopped early (error or the consumer gave up): free the connection.
      this.reader.cancel().catch(() => undefined);
      this.abort(err ?? new BasescopeError("Cancelled", "The download was stopped."));
    }
    cb(err);
  }
}

/** Wraps a fetch body; destroying the result stops the download, `abort` cancels the request behind it. */
export function verifiedBody(
  body: ReadableStream<Uint8Array>,
  abort: (reason: unknown) => void,
  o: VerifyOptions,
): Readable {
  return new VerifiedBlob(body, abort, o);
}

/** Reads a small body (manifest, config) fully, refusing more than `limit` bytes. */
export async function readLimited(
  response: Response,
  limit: number,
  abort: (reason: unknown) => void,
  o: Omit<VerifyOptions, "digest" | "size">,
): Promise<Buffer> {
  const declared = Number(response.headers.get("content-length") ?? NaN);
  const tooBig = () =>
    new BasescopeError(
      "LimitExceeded",
      `${o.what} is larger than the ${limit / (1 << 20)} MiB basescope accepts.`,
    );
  if (declared > limit) {
    abort(tooBig());
    throw tooBig();
  }
  if (!response.body) return Buffer.alloc(0);
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  let timer: NodeJS.Timeout | undefined;
  const idle = () =>
    new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(unreachable(o.registry, `it stopped sending ${o.what}`)),
        o.idleTimeoutMs,
      );
    });
  try {
    for (;;) {
      const { done, value } = await Promise.race([reader.read(), idle()]);
      clearTimeout(timer);
      if (done) break;
      total += value.byteLength;
      if (total > limit) throw tooBig();
      chunks.push(value);
    }
  } catch (e) {
    reader.cancel().catch(() => undefined);
    abort(e);
    throw e instanceof BasescopeError ? e : networkError(o.registry, e);
  } finally {
    clearTimeout(timer);
  }
  return Buffer.concat(chunks);
}
