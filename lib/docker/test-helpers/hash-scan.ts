import { createHash } from "node:crypto";
import { PassThrough, Transform } from "node:stream";
import { createGunzip } from "node:zlib";
import tar from "tar-stream";
import type { LayerScan, ScanLayer } from "../../analysis/types";

/**
 * A deliberately small scanner for the docker tests (the real one lives in lib/layers): hashes what it is
 * given and what that decompresses to, counts bytes, and sums regular file sizes from the tar headers.
 * Records every descriptor it was called with, so tests can check what the source asked for.
 */
export function createHashScan(): { scan: ScanLayer; calls: { digest: string; size?: number }[] } {
  const calls: { digest: string; size?: number }[] = [];
  const scan: ScanLayer = async (desc, open) => {
    calls.push({ digest: desc.digest, size: desc.size });
    const input = (await open()) as NodeJS.ReadableStream & AsyncIterable<Buffer>;
    const blobHash = createHash("sha256");
    const tarHash = createHash("sha256");
    let compressedBytes = 0;
    let tarBytes = 0;
    let uncompressedBytes = 0;
    let fileCount = 0;
    const raw = new PassThrough();
    const feedRaw = (async () => {
      for await (const chunk of input) {
        blobHash.update(chunk);
        compressedBytes += chunk.length;
        if (!raw.write(chunk)) await new Promise((r) => raw.once("drain", r));
      }
      raw.end();
    })();
    const head: Buffer = await new Promise((resolve) =>
      raw.once("readable", () => resolve(raw.read(2) ?? Buffer.alloc(0))),
    );
    raw.unshift(head);
    const gzip = head[0] === 0x1f && head[1] === 0x8b;
    const plain = gzip ? raw.pipe(createGunzip()) : raw;
    const extract = tar.extract();
    extract.on("entry", (header, stream, next) => {
      if (header.type === "file") uncompressedBytes += header.size;
      if (header.type === "file" || header.type === "symlink" || header.type === "link") fileCount++;
      stream.on("end", () => next());
      stream.resume();
    });
    const hashTar = new Transform({
      transform(chunk: Buffer, _enc, cb) {
        tarHash.update(chunk);
        tarBytes += chunk.length;
        cb(null, chunk);
      },
    });
    const walked = new Promise((resolve, reject) => {
      extract.on("finish", () => resolve(undefined));
      extract.on("error", reject);
    });
    plain.pipe(hashTar).pipe(extract as unknown as NodeJS.WritableStream);
    await Promise.all([feedRaw, walked]);
    const scan: LayerScan = {
      digest: `sha256:${blobHash.digest("hex")}`,
      diffId: `sha256:${tarHash.digest("hex")}`,
      compression: gzip ? "gzip" : "none",
      compressedBytes,
      tarBytes,
      uncompressedBytes,
      fileCount,
      entries: [],
      files: {},
      packageDbs: {},
    };
    if (desc.digest && desc.digest !== scan.digest)
      throw new Error(`digest mismatch: ${desc.digest} != ${scan.digest}`);
    return scan;
  };
  return { scan, calls };
}
