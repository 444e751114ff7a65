import { PassThrough, Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import type { ErrorKind } from "../errors";
import { isBasescopeError } from "../errors";
import { createLayerScanner } from "./layer-scanner";
import { gzip, makeTar, recordingHooks, sha256, streamOf, zstd, type TarSpec } from "./test-support";

const scanLayer = createLayerScanner(recordingHooks().hooks);

async function failure(p: Promise<unknown>): Promise<ErrorKind> {
  try {
    await p;
  } catch (e) {
    if (isBasescopeError(e)) return e.kind;
    throw e;
  }
  throw new Error("expected the scan to fail");
}

const someFiles: TarSpec[] = Array.from({ length: 40 }, (_, i) => ({
  name: `data/file-${i}`,
  content: Buffer.alloc(3000 + i, i),
}));

describe("scanLayer on damaged or hostile input", () => {
  it("rejects bytes whose digest differs from the descriptor", async () => {
    const blob = gzip(await makeTar(someFiles));
    const wrong = sha256(Buffer.from("something else"));
    expect(await failure(scanLayer(streamOf(blob), { digest: wrong }))).toBe("DigestMismatch");
  });

  it("reports a flipped byte as a digest mismatch when the digest is known, else as corrupt", async () => {
    const blob = gzip(await makeTar(someFiles));
    const bad = Buffer.from(blob);
    bad[Math.floor(bad.length / 2)] ^= 0xff;
    expect(await failure(scanLayer(streamOf(bad), { digest: sha256(blob) }))).toBe("DigestMismatch");
    expect(await failure(scanLayer(streamOf(bad), { digest: "" }))).toBe("CorruptLayer");
  });

  it.each([
    ["gzip", gzip, true],
    ["zstd (zstd binary)", (b: Buffer) => zstd(b), true],
    ["zstd (fzstd)", (b: Buffer) => zstd(b), false],
    ["plain tar", (b: Buffer) => b, true],
  ])(
    "reports a truncated %s layer as corrupt, even when its digest matches",
    async (_label, compress, bin) => {
      const scan = createLayerScanner(recordingHooks().hooks, { zstdBinary: bin });
      const blob = compress(await makeTar(someFiles));
      // Cut inside the data, and exactly on a tar entry boundary (only the decompressor can tell).
      for (const at of [Math.floor(blob.length * 0.6), blob.length - 1]) {
        const cut = blob.subarray(0, at);
        expect(await failure(scan(streamOf(cut), { digest: sha256(cut) }))).toBe("CorruptLayer");
      }
    },
  );

  it.each([true, false])("reports flipped zstd bytes as corrupt (zstd binary: %s)", async (bin) => {
    const scan = createLayerScanner(recordingHooks().hooks, { zstdBinary: bin });
    const blob = zstd(await makeTar(someFiles));
    const bad = Buffer.from(blob);
    for (let i = 40; i < bad.length - 8; i += 97) bad[i] ^= 0x5a;
    expect(await failure(scan(streamOf(bad), { digest: "" }))).toBe("CorruptLayer");
  });

  it("reports bytes that are no archive at all as corrupt", async () => {
    const junk = Buffer.alloc(4096, "not a tar archive ");
    expect(await failure(scanLayer(streamOf(junk), { digest: sha256(junk) }))).toBe("CorruptLayer");
  });

  it("reports a failing input stream as corrupt", async () => {
    const blob = gzip(await makeTar(someFiles));
    const broken = new Readable({ read() {} });
    broken.push(blob.subarray(0, 1000));
    setTimeout(() => broken.destroy(new Error("connection reset")), 10);
    expect(await failure(scanLayer(broken, { digest: sha256(blob) }))).toBe("CorruptLayer");
  });

  it("stops at the entry limit and the decompressed-size limit", async () => {
    const blob = gzip(await makeTar(someFiles));
    const d = { digest: sha256(blob) };
    expect(await failure(scanLayer(streamOf(blob), d, { limits: { maxEntries: 10 } }))).toBe("LimitExceeded");
    expect(await failure(scanLayer(streamOf(blob), d, { limits: { maxTarBytes: 50_000 } }))).toBe(
      "LimitExceeded",
    );
  });

  it("refuses a zstd frame that asks for a gigantic window", async () => {
    const blob = zstd(await makeTar(someFiles), ["--long=30"]);
    expect(await failure(scanLayer(streamOf(blob), { digest: sha256(blob) }))).toBe("LimitExceeded");
  });

  it("records an oversized package database as an error without spooling it", async () => {
    const { hooks, spooled } = recordingHooks();
    const tarBytes = await makeTar([{ name: "var/lib/dpkg/status", content: "Package: a\n".repeat(100) }]);
    const scan = await createLayerScanner(hooks)(
      streamOf(tarBytes),
      { digest: sha256(tarBytes) },
      {
        limits: { maxDbBytes: 100 },
      },
    );
    expect(spooled).toHaveLength(0);
    expect(scan.packageDbs["var/lib/dpkg/status"]).toMatchObject({ manager: "dpkg" });
    expect("error" in scan.packageDbs["var/lib/dpkg/status"]).toBe(true);
  });

  it("stops promptly when aborted while the blob is still arriving", async () => {
    const slow = new PassThrough();
    slow.write(gzip(await makeTar(someFiles)).subarray(0, 2000));
    const ctl = new AbortController();
    setTimeout(() => ctl.abort(), 20);
    expect(await failure(scanLayer(slow, { digest: "" }, { signal: ctl.signal }))).toBe("Cancelled");
  });

  it("skips names that climb out of the root and keeps absolute names inside it", async () => {
    const tarBytes = await makeTar([
      { name: "../../etc/passwd", content: "root:x:0:0\n" },
      { name: "ok/../../../escape", content: "x" },
      { name: "/abs/file", content: "abc" },
      { name: "good//./name", content: "ab" },
      { name: "ok/link", type: "link", linkname: "../../etc/shadow" },
    ]);
    const scan = await scanLayer(streamOf(tarBytes), { digest: sha256(tarBytes) });
    expect(scan.entries.map((e) => e.path)).toEqual(["abs/file", "good/name"]);
    expect(scan.uncompressedBytes).toBe(5);
    expect(scan.fileCount).toBe(2);
  });

  it("rejects a NUL byte smuggled into a PAX path as corrupt instead of crashing", async () => {
    const tarBytes = await makeTar([{ name: "fine", content: "x", pax: { path: "etc/\0evil" } }]);
    expect(await failure(scanLayer(streamOf(tarBytes), { digest: "" }))).toBe("CorruptLayer");
  });

  it("turns whiteout names into whiteout and opaque entries", async () => {
    const tarBytes = await makeTar([
      { name: "etc/.wh.motd", content: "" },
      { name: ".wh.tmp", content: "" },
      { name: "usr/share/doc/.wh..wh..opq", content: "" },
      { name: ".wh..wh..opq", content: "" },
      { name: "x/.wh..wh.plnk/123.456", content: "" },
    ]);
    const scan = await scanLayer(streamOf(tarBytes), { digest: sha256(tarBytes) });
    expect(scan.entries.map((e) => [e.path, e.kind])).toEqual([
      ["etc/motd", "whiteout"],
      ["tmp", "whiteout"],
      ["usr/share/doc", "opaque"],
      ["", "opaque"],
    ]);
    expect(scan.fileCount).toBe(0);
  });
});
