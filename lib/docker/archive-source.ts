import { createReadStream } from "node:fs";
import { open, stat } from "node:fs/promises";
import path from "node:path";
import type { Readable } from "node:stream";
import { createGunzip } from "node:zlib";
import type { ImageSource } from "../analysis/types";
import { BasescopeError } from "../errors";
import { resolvedFromArchive, scansOf } from "./archive-image";
import { readImageArchive } from "./archive-reader";

async function fileSize(filePath: string): Promise<number> {
  try {
    const s = await stat(filePath);
    if (!s.isFile()) throw new BasescopeError("InvalidInput", `${filePath} is not a file.`);
    return s.size;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") {
      throw new BasescopeError("ImageNotFound", `There is no archive file at ${filePath}.`, { cause: e });
    }
    throw e;
  }
}

async function isGzip(filePath: string): Promise<boolean> {
  const handle = await open(filePath, "r");
  try {
    const { buffer, bytesRead } = await handle.read(Buffer.alloc(2), 0, 2, 0);
    return bytesRead === 2 && buffer[0] === 0x1f && buffer[1] === 0x8b;
  } finally {
    await handle.close();
  }
}

/**
 * An image from a file: a `docker save` tar (either engine layout, optionally gzipped as `docker load`
 * accepts it) or an OCI layout tar such as skopeo's `oci-archive:` output.
 */
export function createArchiveSource(filePath: string): ImageSource {
  return {
    kind: "archive",
    async analyze(scan, opts) {
      const total = await fileSize(filePath);
      const gzipped = await isGzip(filePath);
      opts.onProgress?.({ phase: "resolving", fraction: 0, message: `Reading ${path.basename(filePath)}` });
      const raw = createReadStream(filePath, { highWaterMark: 1 << 20 });
      let source: Readable = raw;
      if (gzipped) {
        const gunzip = createGunzip({ chunkSize: 1 << 20 });
        raw.on("error", (e) => gunzip.destroy(e));
        source = raw.pipe(gunzip);
        source.on("close", () => raw.destroy());
      }
      // Progress counts file bytes, so a gzipped archive reports against its size on disk too.
      let done = 0;
      const onBytes = () =>
        opts.onProgress?.({
          phase: "analyzing",
          fraction: Math.min(0.99, done / Math.max(1, total)),
          bytesDone: done,
          bytesTotal: total,
        });
      const contents = await readImageArchive(source, {
        scan,
        platform: opts.platform,
        signal: opts.signal,
        estimateCompressed: true,
        onBytes: () => {
          done = raw.bytesRead;
          onBytes();
        },
      });
      const reference = contents.layout.repoTags[0] ?? path.basename(filePath);
      const image = resolvedFromArchive(contents, { reference, source: "archive" });
      opts.onProgress?.({ phase: "analyzing", fraction: 1, bytesDone: total, bytesTotal: total });
      return { image, scans: scansOf(contents) };
    },
  };
}
