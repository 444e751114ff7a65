import { describe, expect, it } from "vitest";
import { isDebugVariant, toImageRow, type StoredImage } from "./to-image-row";

describe("isDebugVariant", () => {
  it("recognises debug and dev tags only in the tag", () => {
    expect(isDebugVariant("gcr.io/distroless/java21-debian12:debug")).toBe(true);
    expect(isDebugVariant("gcr.io/distroless/java21-debian12:debug-nonroot")).toBe(true);
    expect(isDebugVariant("cgr.dev/chainguard/jre:latest-dev")).toBe(true);
    expect(isDebugVariant("gcr.io/distroless/java21-debian12:nonroot")).toBe(false);
    expect(isDebugVariant("registry.local:5000/debug/app:1.0")).toBe(false);
    expect(isDebugVariant("alpine:3.22@sha256:abc")).toBe(false);
    expect(isDebugVariant("localhost:5000/tools")).toBe(false);
  });
});

describe("toImageRow", () => {
  it("splits the package database kind from the package manager tool", () => {
    const stored: StoredImage = {
      id: "i1",
      reference: "gcr.io/distroless/base-debian12:debug",
      platform: "linux/amd64",
      family: "distroless",
      labels: [],
      digest: "sha256:x",
      compressedBytes: 1,
      compressedIsEstimate: false,
      uncompressedBytes: 2,
      filesystemBytes: 2,
      fileCount: 3,
      layerCount: 1,
      os: { id: "debian", versionId: "12", prettyName: null },
      libc: { kind: "glibc", version: "2.36" },
      shell: "/busybox/sh",
      java: null,
      user: "",
      wastedBytes: 0,
      efficiency: 1,
      analyzedAt: "2025-12-01T00:00:00Z",
      packages: { manager: "dpkg", count: 12 },
      packageManager: null,
    };
    const row = toImageRow({ ...stored, layers: [{ index: 0 }], notes: ["x"] } as StoredImage);
    expect(row.packageManager).toBe("dpkg");
    expect(row.packageManagerBinary).toBeNull();
    expect(row.packageCount).toBe(12);
    expect(row.debugVariant).toBe(true);
    expect("packages" in row).toBe(false);
    expect("layers" in row).toBe(false);
    expect(Object.keys(row).sort()).toEqual(
      Object.keys({ ...stored, packageCount: 0, packageManagerBinary: 0, debugVariant: 0 })
        .filter((k) => k !== "packages")
        .sort(),
    );
  });
});
