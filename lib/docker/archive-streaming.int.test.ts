import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { writeFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import type { LayerScan, ScanLayer } from "../analysis/types";
import { createArchiveSource } from "./index";
import { createHashScan } from "./test-helpers/hash-scan";
import { makeTar, tempDir } from "./test-helpers/images";
import { blobName, engine25Save, layoutTar, ociImage } from "./test-helpers/oci-builder";
import { docLayer, textBytes } from "./test-helpers/sample-layers";

/**
 * The reader must keep the archive moving whatever the scanner does: read slowly, answer from a cache
 * without reading, or fail on a blob that turns out not to be a layer.
 */
let file: string;
let image: ReturnType<typeof ociImage>;
let bigLayer: Buffer;

beforeAll(async () => {
  bigLayer = await makeTar([{ name: "data/big.txt", body: textBytes(12 * 1024 * 1024, 41) }]);
  image = ociImage([bigLayer, await docLayer(42)], { gzip: [false, true] });
  const save = await engine25Save(image, "streaming:test");
  // Add an unreferenced blob that is neither JSON nor a tar (a signature, an SBOM in another format...).
  const files = new Map<string, Buffer>();
  const dir = tempDir();
  execFileSync("tar", ["-xf", "-"], { cwd: dir, input: save, maxBuffer: 64 * 1024 * 1024 });
  for (const name of execFileSync("find", [".", "-type", "f"], { cwd: dir, encoding: "utf8" })
    .trim()
    .split("\n")) {
    const rel = name.replace(/^\.\//, "");
    files.set(rel, execFileSync("cat", [rel], { cwd: dir, maxBuffer: 64 * 1024 * 1024 }));
  }
  const junk = randomBytes(200_000);
  files.set(blobName(`sha256:${"0".repeat(64)}`), junk);
  file = path.join(dir, "streaming.tar");
  writeFileSync(file, await layoutTar(files));
});

describe("readImageArchive under a slow, cached or failing scanner", () => {
  it("waits for a scanner that opens late, ignoring a failing unreferenced blob", async () => {
    const { scan } = createHashScan();
    const lateScan: ScanLayer = (desc, open) =>
      scan(desc, async () => {
        await new Promise((r) => setTimeout(r, 100));
        return open();
      });
    const { image: resolved, scans } = await createArchiveSource(file).analyze(lateScan, {});
    expect(scans.map((s) => s.diffId)).toEqual(image.diffIds);
    expect(scans[0].tarBytes).toBe(bigLayer.length);
    // The big layer is uncompressed: its size is the gzip -6 estimate, close to what GNU gzip makes of it.
    const cli = Number(
      execFileSync("sh", ["-c", "gzip -6 -n -c | wc -c"], {
        input: bigLayer,
        encoding: "utf8",
        maxBuffer: 1 << 20,
      }).trim(),
    );
    expect(Math.abs(resolved.layers[0].size - cli)).toBeLessThanOrEqual(cli * 0.03);
    expect(resolved.layers[1].size).toBe(image.blobs.get(image.layerDigests[1])!.length);
  });

  it("drains layers the scanner answers from its cache", async () => {
    const { scan } = createHashScan();
    const first = await createArchiveSource(file).analyze(scan, {});
    const cache = new Map<string, LayerScan>(first.scans.map((s) => [s.digest, s]));
    const opened: string[] = [];
    const cachedScan: ScanLayer = async (desc, open) => {
      const hit = cache.get(desc.digest);
      if (hit) return hit;
      opened.push(desc.digest);
      return scan(desc, open);
    };
    const second = await createArchiveSource(file).analyze(cachedScan, {});
    expect(second.scans).toEqual(first.scans);
    // Only the junk blob was not in the cache.
    expect(opened).toEqual([`sha256:${"0".repeat(64)}`]);
  });

  it("stops with Cancelled when aborted mid-layer", async () => {
    const { scan } = createHashScan();
    const controller = new AbortController();
    const run = createArchiveSource(file).analyze(scan, {
      signal: controller.signal,
      onProgress: (p) => (p.bytesDone ?? 0) > 4 * 1024 * 1024 && controller.abort(),
    });
    await expect(run).rejects.toMatchObject({ kind: "Cancelled" });
  });
});
