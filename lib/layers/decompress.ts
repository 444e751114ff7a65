import { Transform, type TransformCallback } from "node:stream";
import zlib from "node:zlib";
import { Decompress } from "fzstd";
import { BasescopeError } from "../errors";
import { ZstdProcessStream, zstdBinaryAvailable } from "./zstd-process";

export type Compression = "gzip" | "zstd" | "none";

/** Bytes needed to sniff the compression and read a zstd frame header. */
export const SNIFF_BYTES = 18;

/** The media type can lie (or be a generic octet-stream); the first bytes cannot. */
export function sniffCompression(head: Uint8Array): Compression {
  if (head.length >= 2 && head[0] === 0x1f && head[1] === 0x8b) return "gzip";
  if (head.length >= 4 && head[0] === 0x28 && head[1] === 0xb5 && head[2] === 0x2f && head[3] === 0xfd)
    return "zstd";
  return "none";
}

/** fzstd allocates the whole declared window up front; a hostile header could ask for 2 GiB. */
export const MAX_ZSTD_WINDOW = 256 * 1024 * 1024;

/** Window size the first zstd frame declares (RFC 8878 §3.1.1.1), or null if the header is incomplete. */
export function zstdWindowSize(head: Uint8Array): number | null {
  if (head.length < 6) return null;
  const fhd = head[4];
  const singleSegment = (fhd >> 5) & 1;
  if (!singleSegment) {
    const exp = head[5] >> 3;
    const base = 2 ** (10 + exp);
    return base + (base / 8) * (head[5] & 7);
  }
  const dictBytes = [0, 1, 2, 4][fhd & 3];
  const fcsFlag = fhd >> 6;
  const fcsBytes = fcsFlag ? 1 << fcsFlag : 1;
  const at = 5 + dictBytes;
  if (head.length < at + fcsBytes) return null;
  let size = 0;
  for (let i = fcsBytes - 1; i >= 0; i--) size = size * 256 + head[at + i];
  return fcsFlag === 1 ? size + 256 : size;
}

function corrupt(what: string, e: unknown): BasescopeError {
  const detail = e instanceof Error ? e.message : String(e);
  return new BasescopeError("CorruptLayer", `The layer's ${what} data is corrupt or truncated (${detail}).`, {
    cause: e,
  });
}

/** Streaming zstd via fzstd (pure JS: Node 20 has no zstd in zlib), the fallback without the binary. */
class ZstdDecompressStream extends Transform {
  private readonly dec: Decompress;

  constructor() {
    super({ readableHighWaterMark: 1 << 20 });
    // fzstd hands out a fresh array per block, so wrapping it without a copy is safe.
    this.dec = new Decompress((data) => {
      if (data.length > 0) this.push(Buffer.from(data.buffer, data.byteOffset, data.byteLength));
    });
  }

  override _transform(chunk: Buffer, _enc: BufferEncoding, cb: TransformCallback): void {
    try {
      this.dec.push(chunk);
    } catch (e) {
      return cb(corrupt("zstd", e));
    }
    cb();
  }

  override _flush(cb: TransformCallback): void {
    try {
      this.dec.push(new Uint8Array(0), true);
    } catch (e) {
      return cb(corrupt("zstd", e));
    }
    cb();
  }
}

/** A decompressing stage for the given compression, or null when the blob is a plain tar. */
export function createDecompressor(
  compression: Compression,
  opts: { zstdBinary?: boolean } = {},
): Transform | null {
  if (compression === "none") return null;
  if (compression === "zstd")
    return (opts.zstdBinary ?? zstdBinaryAvailable())
      ? new ZstdProcessStream(MAX_ZSTD_WINDOW)
      : new ZstdDecompressStream();
  // Bigger output chunks mean fewer hand-offs to the tar parser; zlib's default is 16 KiB.
  const gunzip = zlib.createGunzip({ chunkSize: 256 * 1024 });
  return gunzip;
}

/** zlib reports corruption with bare codes; give the user a plain sentence instead. */
export function asDecompressError(e: unknown, compression: Compression): BasescopeError | null {
  if (e instanceof BasescopeError) return e;
  const code = (e as { code?: string } | null)?.code;
  if (compression === "gzip" && typeof code === "string" && code.startsWith("Z_")) return corrupt("gzip", e);
  return null;
}
