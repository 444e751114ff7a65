import { describe, expect, it } from "vitest";
import { BasescopeError } from "../errors";
import { MEDIA, parseManifest } from "./manifest";

const D = `sha256:${"b".repeat(64)}`;
const image = {
  schemaVersion: 2,
  config: { mediaType: "application/vnd.oci.image.config.v1+json", digest: D, size: 10 },
  layers: [{ mediaType: "x", digest: D, size: 5 }],
};
const buf = (o: unknown) => Buffer.from(JSON.stringify(o));

function kindOf(f: () => unknown): string | undefined {
  try {
    f();
  } catch (e) {
    return (e as BasescopeError).kind;
  }
}

describe("parseManifest", () => {
  it("takes the type from Content-Type", () => {
    expect(parseManifest(buf(image), `${MEDIA.dockerManifest}; charset=utf-8`, D, "x")).toMatchObject({
      kind: "manifest",
      mediaType: MEDIA.dockerManifest,
    });
    expect(parseManifest(buf({ schemaVersion: 2, manifests: [] }), MEDIA.dockerList, D, "x")).toMatchObject({
      kind: "index",
      mediaType: MEDIA.dockerList,
    });
  });
  it("falls back to the document when Content-Type is generic", () => {
    expect(
      parseManifest(buf({ ...image, mediaType: MEDIA.dockerManifest }), "application/json", D, "x").mediaType,
    ).toBe(MEDIA.dockerManifest);
    expect(parseManifest(buf(image), null, D, "x").mediaType).toBe(MEDIA.ociManifest);
    expect(parseManifest(buf({ manifests: [] }), "", D, "x").kind).toBe("index");
  });
  it("refuses schema 1 clearly", () => {
    expect(() =>
      parseManifest(
        buf({ schemaVersion: 1 }),
        "application/vnd.docker.distribution.manifest.v1+prettyjws",
        D,
        "img:1",
      ),
    ).toThrow(/old Docker schema 1/);
    expect(
      kindOf(() => parseManifest(buf({ schemaVersion: 1, fsLayers: [] }), "application/json", D, "img")),
    ).toBe("UnsupportedMediaType");
  });
  it("refuses other artifacts and broken documents", () => {
    expect(
      kindOf(() => parseManifest(buf({ schemaVersion: 2 }), "application/vnd.cncf.helm.chart", D, "x")),
    ).toBe("UnsupportedMediaType");
    expect(kindOf(() => parseManifest(Buffer.from("{"), MEDIA.ociManifest, D, "x"))).toBe("RegistryError");
    expect(
      kindOf(() =>
        parseManifest(
          buf({ ...image, layers: [{ digest: "sha256:../../x", size: 1 }] }),
          MEDIA.ociManifest,
          D,
          "x",
        ),
      ),
    ).toBe("RegistryError");
    expect(
      kindOf(() =>
        parseManifest(buf({ ...image, layers: [{ digest: D, size: -1 }] }), MEDIA.ociManifest, D, "x"),
      ),
    ).toBe("RegistryError");
    expect(
      kindOf(() => parseManifest(buf({ manifests: [{ digest: "nope" }] }), MEDIA.ociIndex, D, "x")),
    ).toBe("RegistryError");
  });
});
