import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { createLayerScanner } from "./layer-scanner";
import { gzip, makeTar, recordingHooks, sha256, streamOf, zstd, type TarSpec } from "./test-support";

const osRelease = 'PRETTY_NAME="Test Linux"\nID=test\n';
const status = "Package: a\nVersion: 1\n\nPackage: b\nVersion: 2\n";
const layerSpecs: TarSpec[] = [
  { name: "./", type: "directory" },
  { name: "./etc/", type: "directory" },
  { name: "./etc/os-release", content: osRelease },
  { name: "./etc/hostname", content: "box\n" },
  { name: "./bin/", type: "directory" },
  { name: "./bin/sh", type: "symlink", linkname: "dash" },
  { name: "./bin/dash", content: Buffer.alloc(5000, 1), mode: 0o755 },
  { name: "./bin/dash2", type: "link", linkname: "./bin/dash" },
  { name: "./var/lib/dpkg/status", content: status },
  { name: "./tmp/fifo", type: "fifo" },
];

describe("scanLayer", () => {
  for (const [label, compress, expected] of [
    ["plain tar", (b: Buffer) => b, "none"],
    ["gzip", gzip, "gzip"],
    ["zstd (zstd binary)", zstd, "zstd"],
    ["zstd (fzstd)", zstd, "zstd"],
  ] as const) {
    it(`scans a ${label} layer in one pass`, async () => {
      const tarBytes = await makeTar(layerSpecs);
      const blob = compress(tarBytes);
      const { hooks, spooled } = recordingHooks();
      let seen = 0;
      const scan = await createLayerScanner(hooks)(
        streamOf(blob),
        { digest: sha256(blob) },
        { onBytes: (n) => (seen += n) },
      );
      expect(scan.compression).toBe(expected);
      expect(scan.digest).toBe(sha256(blob));
      expect(scan.diffId).toBe(sha256(tarBytes));
      expect(scan.compressedBytes).toBe(blob.length);
      expect(seen).toBe(blob.length);
      expect(scan.tarBytes).toBe(tarBytes.length);
      const fileSizes = osRelease.length + 4 + 5000 + status.length;
      expect(scan.uncompressedBytes).toBe(fileSizes);
      expect(scan.fileCount).toBe(6); // 4 files + symlink + hard link
      expect(scan.entries.map((e) => [e.path, e.kind])).toEqual([
        ["etc", "dir"],
        ["etc/os-release", "file"],
        ["etc/hostname", "file"],
        ["bin", "dir"],
        ["bin/sh", "symlink"],
        ["bin/dash", "file"],
        ["bin/dash2", "hardlink"],
        ["var/lib/dpkg/status", "file"],
        ["tmp/fifo", "other"],
      ]);
      expect(scan.entries.find((e) => e.path === "bin/dash2")).toMatchObject({ size: 0, link: "bin/dash" });
      expect(scan.entries.find((e) => e.path === "bin/dash")?.mode).toBe(0o755);
      expect(Buffer.from(scan.files["etc/os-release"], "base64").toString()).toBe(osRelease);
      expect(Object.keys(scan.files)).toEqual(["etc/os-release"]);
      expect(spooled).toHaveLength(1);
      expect(spooled[0].content.toString()).toBe(status);
      expect(fs.existsSync(spooled[0].tempFile)).toBe(false);
      expect(scan.packageDbs["var/lib/dpkg/status"]).toMatchObject({
        manager: "dpkg",
        packages: [{ name: "a" }, { name: "b" }],
      });
    });
  }
});
