import { createHash } from "node:crypto";
import { gzipSync } from "node:zlib";
import { makeTar, type TarSpec } from "./images";

/** Builds OCI layouts and docker save tars by hand, for layouts the local engine (20.10) does not write. */

export function sha256(bytes: Buffer | string): string {
  return `sha256:${createHash("sha256").update(bytes).digest("hex")}`;
}

export const blobName = (digest: string) => `blobs/sha256/${digest.slice("sha256:".length)}`;

export type BuiltImage = {
  blobs: Map<string, Buffer>;
  manifestDigest: string;
  manifestBytes: number;
  configDigest: string;
  layerDigests: string[];
  diffIds: string[];
  platform: { os: string; architecture: string };
};

/** One image: config + manifest blobs for the given layer tars (gzipped when asked). */
export function ociImage(
  layerTars: Buffer[],
  opts: {
    gzip?: boolean[];
    architecture?: string;
    history?: { created_by: string; empty_layer?: boolean }[];
  } = {},
): BuiltImage {
  const blobs = new Map<string, Buffer>();
  const diffIds = layerTars.map((t) => sha256(t));
  const layers = layerTars.map((t, i) => {
    const zipped = opts.gzip?.[i] ?? false;
    const bytes = zipped ? gzipSync(t) : t;
    const digest = sha256(bytes);
    blobs.set(digest, bytes);
    const mediaType = `application/vnd.oci.image.layer.v1.tar${zipped ? "+gzip" : ""}`;
    return { mediaType, digest, size: bytes.length };
  });
  const architecture = opts.architecture ?? "amd64";
  const config = Buffer.from(
    JSON.stringify({
      architecture,
      os: "linux",
      config: { Env: ["PATH=/usr/bin:/bin"] },
      rootfs: { type: "layers", diff_ids: diffIds },
      history: opts.history ?? layerTars.map((_, i) => ({ created_by: `layer ${i}` })),
    }),
  );
  const configDigest = sha256(config);
  blobs.set(configDigest, config);
  const manifest = Buffer.from(
    JSON.stringify({
      schemaVersion: 2,
      mediaType: "application/vnd.oci.image.manifest.v1+json",
      config: {
        mediaType: "application/vnd.oci.image.config.v1+json",
        digest: configDigest,
        size: config.length,
      },
      layers,
    }),
  );
  const manifestDigest = sha256(manifest);
  blobs.set(manifestDigest, manifest);
  return {
    blobs,
    manifestDigest,
    manifestBytes: manifest.length,
    configDigest,
    layerDigests: layers.map((l) => l.digest),
    diffIds,
    platform: { os: "linux", architecture },
  };
}

export function indexJson(manifests: object[]): Buffer {
  return Buffer.from(
    JSON.stringify({ schemaVersion: 2, mediaType: "application/vnd.oci.image.index.v1+json", manifests }),
  );
}

/** A tar of the given files in lexical path order, as the engine and skopeo write them. */
export function layoutTar(files: Map<string, Buffer>): Promise<Buffer> {
  const names = [...files.keys()].sort();
  const dirs = new Set<string>();
  for (const name of names) {
    const parts = name.split("/");
    for (let i = 1; i < parts.length; i++) dirs.add(parts.slice(0, i).join("/"));
  }
  const entries: TarSpec[] = [
    ...[...dirs].map((name): TarSpec => ({ name, type: "directory" })),
    ...names.map((name): TarSpec => ({ name, body: files.get(name) })),
  ].sort((a, b) => (a.name < b.name ? -1 : 1));
  return makeTar(entries);
}

/** What an engine 25+ `docker save` writes: an OCI layout plus manifest.json pointing at blobs. */
export function engine25Save(image: BuiltImage, repoTag: string): Promise<Buffer> {
  const files = new Map<string, Buffer>();
  for (const [digest, bytes] of image.blobs) files.set(blobName(digest), bytes);
  files.set("oci-layout", Buffer.from('{"imageLayoutVersion":"1.0.0"}'));
  files.set(
    "index.json",
    indexJson([
      {
        mediaType: "application/vnd.oci.image.manifest.v1+json",
        digest: image.manifestDigest,
        size: image.manifestBytes,
        annotations: { "io.containerd.image.name": `docker.io/library/${repoTag}` },
      },
    ]),
  );
  files.set(
    "manifest.json",
    Buffer.from(
      JSON.stringify([
        {
          Config: blobName(image.configDigest),
          RepoTags: [repoTag],
          Layers: image.layerDigests.map(blobName),
        },
      ]),
    ),
  );
  return layoutTar(files);
}
