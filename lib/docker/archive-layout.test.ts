import { describe, expect, it } from "vitest";
import { BasescopeError } from "../errors";
import { digestOfPath, resolveArchiveLayout } from "./archive-layout";

const hex = (c: string) => c.repeat(64);
const config = {
  architecture: "arm64",
  variant: "v8",
  os: "linux",
  rootfs: { diff_ids: [`sha256:${hex("d")}`] },
};

describe("resolveArchiveLayout", () => {
  it("reads a legacy docker save manifest and notes extra images", () => {
    const docs = new Map<string, unknown>([
      [`${hex("c")}.json`, config],
      [
        "manifest.json",
        [
          { Config: `${hex("c")}.json`, RepoTags: ["a:1"], Layers: ["x/layer.tar"] },
          { Config: `${hex("e")}.json`, RepoTags: ["b:1"], Layers: [] },
        ],
      ],
    ]);
    const layout = resolveArchiveLayout(docs);
    expect(layout).toMatchObject({
      format: "docker-legacy",
      configDigest: `sha256:${hex("c")}`,
      layerPaths: ["x/layer.tar"],
      platform: { os: "linux", architecture: "arm64" },
      repoTags: ["a:1"],
    });
    expect(layout.notes[0]).toMatch(/2 images/);
  });

  it("takes layer media types from the OCI manifest blob of an engine 25+ save", () => {
    const manifest = {
      config: { digest: `sha256:${hex("c")}` },
      layers: [
        { digest: `sha256:${hex("a")}`, size: 10, mediaType: "application/vnd.oci.image.layer.v1.tar" },
      ],
    };
    const docs = new Map<string, unknown>([
      [`blobs/sha256/${hex("c")}`, config],
      [`blobs/sha256/${hex("b")}`, manifest],
      ["manifest.json", [{ Config: `blobs/sha256/${hex("c")}`, Layers: [`blobs/sha256/${hex("a")}`] }]],
    ]);
    const layout = resolveArchiveLayout(docs);
    expect(layout.format).toBe("docker-oci");
    expect(layout.manifestDigest).toBe(`sha256:${hex("b")}`);
    expect(layout.descriptors).toEqual([manifest.layers[0]]);
  });

  it("prefers platforms whose blobs the archive holds", () => {
    const docs = new Map<string, unknown>([
      [
        "index.json",
        {
          manifests: [
            { digest: `sha256:${hex("1")}`, platform: { os: "linux", architecture: "amd64" } },
            { digest: `sha256:${hex("2")}`, platform: { os: "linux", architecture: "arm64" } },
          ],
        },
      ],
      [`blobs/sha256/${hex("2")}`, { config: { digest: `sha256:${hex("c")}` }, layers: [] }],
      [`blobs/sha256/${hex("c")}`, config],
    ]);
    const layout = resolveArchiveLayout(docs);
    expect(layout.manifestDigest).toBe(`sha256:${hex("2")}`);
    expect(layout.availablePlatforms).toHaveLength(2);
  });

  it("says plainly when a file is no image archive", () => {
    expect(() => resolveArchiveLayout(new Map())).toThrow(BasescopeError);
    expect(() => resolveArchiveLayout(new Map([["index.json", { manifests: [] }]]))).toThrow(
      /neither manifest.json/,
    );
  });

  it("names blobs and legacy configs by digest", () => {
    expect(digestOfPath(`blobs/sha256/${hex("a")}`)).toBe(`sha256:${hex("a")}`);
    expect(digestOfPath(`${hex("b")}.json`)).toBe(`sha256:${hex("b")}`);
    expect(digestOfPath("manifest.json")).toBeUndefined();
  });
});
