import { describe, expect, it } from "vitest";
import { diffPackages, sharedLayers } from "./compare";

const p = (name: string, version: string) => ({ manager: "dpkg", name, version, arch: "amd64" });

describe("diffPackages", () => {
  it("lists packages only in one image and version differences, and counts the identical ones", () => {
    const d = diffPackages([
      [p("libc6", "2.36-9"), p("bash", "5.2"), p("curl", "7.88")],
      [p("libc6", "2.36-9"), p("bash", "5.1")],
    ]);
    expect(d.common).toBe(1);
    expect(d.versionDiffers).toBe(1);
    expect(d.onlyIn).toEqual([1, 0]);
    expect(d.rows).toEqual([
      { name: "bash", versions: ["5.2", "5.1"] },
      { name: "curl", versions: ["7.88", null] },
    ]);
  });

  it("keeps the same name from different managers apart", () => {
    const d = diffPackages([
      [{ manager: "apk", name: "musl", version: "1.2.5" }],
      [{ manager: "dpkg", name: "musl", version: "1.2.5" }],
    ]);
    expect(d.onlyIn).toEqual([1, 1]);
  });
});

describe("sharedLayers", () => {
  it("counts a layer shared by n images as stored n-1 times fewer", () => {
    const base = { digest: "sha256:a", compressedBytes: 100, uncompressedBytes: 300 };
    const s = sharedLayers([
      [base, { digest: "sha256:b", compressedBytes: 5, uncompressedBytes: 9 }],
      [base],
      [base, { digest: "sha256:c", compressedBytes: 7, uncompressedBytes: 9 }],
    ]);
    expect(s.layers.map((l) => [l.digest, l.images])).toEqual([["sha256:a", [0, 1, 2]]]);
    expect(s.savedCompressedBytes).toBe(200);
    expect(s.savedUncompressedBytes).toBe(600);
  });
});
