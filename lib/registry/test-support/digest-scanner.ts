import { createHash } from "node:crypto";
import { createGunzip } from "node:zlib";
import { Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { LayerScan, ScanLayer } from "../../analysis/types";

/**
 * A minimal scanner for source tests: reads the blob the source opens to the end, hashing the compressed
 * bytes and the gunzipped tar, so tests can compare with what they pushed. Records calls and concurrency.
 */
export type ScannerLog = { opened: string[]; maxInFlight: number };

export function digestScanner(
  log: ScannerLog = { opened: [], maxInFlight: 0 },
  opts: { delayMs?: number } = {},
): ScanLayer {
  let inFlight = 0;
  return async (desc, open) => {
    inFlight++;
    log.maxInFlight = Math.max(log.maxInFlight, inFlight);
    try {
      const stream = await open();
      log.opened.push(desc.digest);
      const blobHash = createHash("sha256");
      const tarHash = createHash("sha256");
      let compressedBytes = 0;
      let tarBytes = 0;
      const tap = new Transform({
        transform(chunk: Buffer, _e, cb) {
          blobHash.update(chunk);
          compressedBytes += chunk.length;
          cb(null, chunk);
        },
      });
      const sink = new Transform({
        transform(chunk: Buffer, _e, cb) {
          tarHash.update(chunk);
          tarBytes += chunk.length;
          cb();
        },
      });
      await pipeline(stream as NodeJS.ReadableStream, tap, createGunzip(), sink);
      if (opts.delayMs) await new Promise((r) => setTimeout(r, opts.delayMs));
      const scan: LayerScan = {
        digest: `sha256:${blobHash.digest("hex")}`,
        diffId: `sha256:${tarHash.digest("hex")}`,
        compression: "gzip",
        compressedBytes,
        tarBytes,
        uncompressedBytes: 0,
        fileCount: 0,
        entries: [],
        files: {},
        packageDbs: {},
      };
      return scan;
    } finally {
      inFlight--;
    }
  };
}
