import { createHash, type Hash } from "node:crypto";
import { Readable, Transform, type TransformCallback } from "node:stream";
import type { ReadableStream as WebReadableStream } from "node:stream/web";
import { BasescopeError } from "../errors";
import { networkError, unreachable } from "./http";

/**
 * A pass-through that hashes and counts a blob as it streams and fails at the end when the bytes are not
 * what the manifest promised (DigestMismatch / CorruptLayer). Never holds more than one chunk.
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

class VerifyStream extends Transform {
  private readonly hash: Hash;
  private bytes = 0;
  private idleTimer: NodeJS.Timeout | undefined;

  constructor(private readonly o: VerifyOptions) {
    super();
    this.hash = hasherFor(o.digest);
    this.armIdle();
  }

  armIdle(): void {
    clearTimeout(this.idleTimer);
    this.idleTimer = setTimeout(() => {
      this.destroy(
        unreachable(
          this.o.registry,
          `it stopped sending ${this.o.what} for ${this.o.idleTimeoutMs / 1000} s`,
        ),
      );
    }, this.o.idleTimeoutMs);
  }

  override _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback): void {
    this.armIdle();
    this.bytes += chunk.length;
    if (this.o.size !== undefined && this.bytes > this.o.size) {
      return done(
        new BasescopeError(
          "CorruptLayer",
          `The registry sent more than the ${this.o.size} bytes the manifest gives for ${this.o.what}.`,
        ),
      );
    }
    this.hash.update(chunk);
    this.o.onBytes?.(chunk.length);
    done(null, chunk);
  }

  override _flush(done: TransformCallback): void {
    clearTimeout(this.idleTimer);
    if (this.o.size !== undefined && this.bytes !== this.o.size) {
      return done(
        new BasescopeError(
          "CorruptLayer",
          `${this.o.what} ended after ${this.bytes} of ${this.o.size} bytes.`,
        ),
      );
    }
    const actual = `${this.o.digest.slice(0, this.o.digest.indexOf(":"))}:${this.hash.digest("hex")}`;
    if (actual !== this.o.digest) {
      return done(
        new BasescopeError(
          "DigestMismatch",
          `${this.o.what} does not match its digest: expected ${this.o.digest}, got ${actual}. The download was corrupted or the registry is serving bad data.`,
        ),
      );
    }
    done();
  }

  override _destroy(err: Error | null, cb: (error: Error | null) => void): void {
    clearTimeout(this.idleTimer);
    cb(err);
  }
}

/**
 * Wraps a fetch body: errors of the connection become RegistryUnreachable, destroying the result stops the
 * download, and the abort function cancels the request behind it.
 */
export function verifiedBody(
  body: ReadableStream<Uint8Array>,
  abort: (reason: unknown) => void,
  o: VerifyOptions,
): Readable {
  const source = Readable.fromWeb(body as unknown as WebReadableStream<Uint8Array>);
  const verify = new VerifyStream(o);
  source.on("error", (e) => verify.destroy(e instanceof BasescopeError ? e : networkError(o.registry, e)));
  verify.on("close", () => {
    if (!source.destroyed) {
      source.destroy();
      abort(new BasescopeError("Cancelled", "The download was stopped."));
    }
  });
  verify.on("error", () => abort(new BasescopeError("Cancelled", "The download was stopped.")));
  source.pipe(verify);
  return verify;
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
