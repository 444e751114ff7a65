import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import path from "node:path";
import { gunzipSync, gzipSync } from "node:zlib";
import type { LayerCache, LayerScan } from "./types";

/**
 * Bumped whenever the scanner's output changes meaning, so stale scans are never reused.
 */
export const SCAN_VERSION = 1;

export function encodeScan(scan: LayerScan): Buffer {
  return gzipSync(JSON.stringify({ v: SCAN_VERSION, scan }), { level: 1 });
}

export function decodeScan(data: Buffer): LayerScan | undefined {
  try {
    const parsed = JSON.parse(gunzipSync(data).toString("utf8")) as { v: number; scan: LayerScan };
    return parsed.v === SCAN_VERSION ? parsed.scan : undefined;
  } catch {
    return undefined; // a damaged cache entry is a miss, never an error
  }
}

/** Layer scans on disk under `dir`, one gzip'd JSON file per blob digest; writes are atomic renames. */
export function dirLayerCache(dir: string): LayerCache {
  const file = (digest: string) => path.join(dir, `${digest.replace(/[^a-z0-9]/gi, "_")}.json.gz`);
  return {
    async get(digest) {
      try {
        return decodeScan(await readFile(file(digest)));
      } catch {
        return undefined;
      }
    },
    async put(scan) {
      await mkdir(dir, { recursive: true });
      const target = file(scan.digest);
      const tmp = `${target}.${process.pid}.${Date.now()}.tmp`;
      await writeFile(tmp, encodeScan(scan));
      await rename(tmp, target);
    },
  };
}
