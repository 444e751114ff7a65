import { describe, expect, it } from "vitest";
import { BasescopeError } from "../errors";
import { formatPlatform, parsePlatform } from "../reference";
import type { Descriptor } from "./manifest";
import { selectManifest } from "./select-platform";

const d = (
  n: number,
  platform?: Descriptor["platform"],
  annotations?: Record<string, string>,
): Descriptor => ({
  mediaType: "application/vnd.oci.image.manifest.v1+json",
  digest: `sha256:${String(n).repeat(64).slice(0, 64)}`,
  size: 100,
  platform,
  annotations,
});

const index: Descriptor[] = [
  d(1, { os: "linux", architecture: "amd64" }),
  d(2, { os: "linux", architecture: "arm", variant: "v6" }),
  d(3, { os: "linux", architecture: "arm", variant: "v7" }),
  d(4, { os: "linux", architecture: "arm64", variant: "v8" }),
  d(5, { os: "unknown", architecture: "unknown" }, { "vnd.docker.reference.type": "attestation-manifest" }),
  d(6, { os: "linux", architecture: "amd64" }, { "vnd.docker.reference.type": "attestation-manifest" }),
  d(7, { os: "linux", architecture: "amd64" }),
  d(8),
];

describe("selectManifest", () => {
  it.each([
    ["linux/amd64", 1],
    ["linux/x86_64", 1],
    ["linux/arm64", 4],
    ["linux/aarch64", 4],
    ["linux/arm64/v8", 4],
    ["linux/arm", 3],
    ["linux/arm/v6", 2],
  ])("%s picks entry %i (first exact match, attestations skipped)", (wanted, n) => {
    const s = selectManifest(index, parsePlatform(wanted), "img");
    expect(s.entry.digest).toBe(d(n).digest);
    expect(s.note).toBeUndefined();
  });

  it("lists available platforms once each, without attestations or platformless entries", () => {
    const s = selectManifest(index, parsePlatform("linux/amd64"), "img");
    expect(s.available.map(formatPlatform)).toEqual([
      "linux/amd64",
      "linux/arm/v6",
      "linux/arm/v7",
      "linux/arm64",
    ]);
  });

  it("falls back to a compatible older variant with a note", () => {
    const s = selectManifest([index[1], index[0]], parsePlatform("linux/arm/v7"), "img");
    expect(formatPlatform(s.platform)).toBe("linux/arm/v6");
    expect(s.note).toMatch(/no linux\/arm\/v7 image; using linux\/arm\/v6/);
    const amd = selectManifest([index[0]], parsePlatform("linux/amd64/v3"), "img");
    expect(formatPlatform(amd.platform)).toBe("linux/amd64");
  });

  it("throws PlatformNotFound naming what exists", () => {
    try {
      selectManifest(index, parsePlatform("linux/s390x"), "docker.io/library/x:1");
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(BasescopeError);
      expect((e as BasescopeError).kind).toBe("PlatformNotFound");
      expect((e as BasescopeError).message).toBe(
        "docker.io/library/x:1 has no image for linux/s390x. Available platforms: linux/amd64, linux/arm/v6, linux/arm/v7, linux/arm64.",
      );
    }
    expect(() => selectManifest([index[4]], parsePlatform("linux/amd64"), "x")).toThrow(
      /Available platforms: none/,
    );
  });
});
