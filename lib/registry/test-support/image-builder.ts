import { createHash } from "node:crypto";
import { gzipSync } from "node:zlib";
import { pack } from "tar-stream";
import { buffer } from "node:stream/consumers";

/**
 * Builds tiny real images in the test (a gzip layer made with tar-stream + zlib, a config, a manifest) and
 * pushes them with the plain registry HTTP API, so every expectation is computed from the bytes pushed.
 */
export const sha256 = (b: Uint8Array) => `sha256:${createHash("sha256").update(b).digest("hex")}`;

export type Blob = { digest: string; size: number; bytes: Buffer; mediaType: string };
export type PushedImage = {
  manifestDigest: string;
  manifestBytes: Buffer;
  config: Record<string, unknown>;
  configBlob: Blob;
  layers: Blob[];
};

export async function makeLayer(files: Record<string, string>): Promise<{ gz: Buffer; tar: Buffer }> {
  const p = pack();
  for (const [name, content] of Object.entries(files))
    p.entry({ name, mode: 0o644, mtime: new Date(0) }, content);
  p.finalize();
  const tar = await buffer(p);
  return { gz: gzipSync(tar), tar };
}

export function blob(bytes: Buffer, mediaType: string): Blob {
  return { digest: sha256(bytes), size: bytes.length, bytes, mediaType };
}

export async function pushBlob(base: string, repo: string, b: Blob, auth?: string): Promise<void> {
  const headers: Record<string, string> = auth ? { Authorization: auth } : {};
  const start = await fetch(`${base}/v2/${repo}/blobs/uploads/`, { method: "POST", headers });
  if (start.status !== 202) throw new Error(`upload start ${start.status}: ${await start.text()}`);
  const location = new URL(start.headers.get("location") ?? "", base);
  location.searchParams.set("digest", b.digest);
  const put = await fetch(location, {
    method: "PUT",
    headers: { ...headers, "Content-Type": "application/octet-stream" },
    body: new Uint8Array(b.bytes),
  });
  if (put.status !== 201) throw new Error(`upload ${put.status}: ${await put.text()}`);
}

export async function pushManifest(
  base: string,
  repo: string,
  ref: string,
  bytes: Buffer,
  mediaType: string,
  auth?: string,
): Promise<string> {
  const headers: Record<string, string> = {
    "Content-Type": mediaType,
    ...(auth ? { Authorization: auth } : {}),
  };
  const res = await fetch(`${base}/v2/${repo}/manifests/${ref}`, {
    method: "PUT",
    headers,
    body: new Uint8Array(bytes),
  });
  if (res.status !== 201) throw new Error(`manifest put ${res.status}: ${await res.text()}`);
  return sha256(bytes);
}

export type ImageSpec = {
  architecture?: string;
  os?: string;
  variant?: string;
  layers: Record<string, string>[];
  /** Extra layer descriptors appended to the manifest as-is (foreign layers). */
  extraLayers?: Record<string, unknown>[];
  docker?: boolean;
};

export async function pushImage(
  base: string,
  repo: string,
  tag: string | undefined,
  spec: ImageSpec,
  auth?: string,
): Promise<PushedImage> {
  const layerType = spec.docker
    ? "application/vnd.docker.image.rootfs.diff.tar.gzip"
    : "application/vnd.oci.image.layer.v1.tar+gzip";
  const layers: Blob[] = [];
  const diffIds: string[] = [];
  for (const files of spec.layers) {
    const { gz, tar } = await makeLayer(files);
    layers.push(blob(gz, layerType));
    diffIds.push(sha256(tar));
  }
  const config = {
    architecture: spec.architecture ?? "amd64",
    os: spec.os ?? "linux",
    ...(spec.variant ? { variant: spec.variant } : {}),
    config: { User: "1000", Env: ["PATH=/usr/bin"], Cmd: ["/bin/sh"] },
    rootfs: { type: "layers", diff_ids: diffIds },
    history: diffIds.map((_, i) => ({ created_by: `step ${i}` })),
  };
  const configType = spec.docker
    ? "application/vnd.docker.container.image.v1+json"
    : "application/vnd.oci.image.config.v1+json";
  const configBlob = blob(Buffer.from(JSON.stringify(config)), configType);
  for (const b of [...layers, configBlob]) await pushBlob(base, repo, b, auth);
  const manifestType = spec.docker
    ? "application/vnd.docker.distribution.manifest.v2+json"
    : "application/vnd.oci.image.manifest.v1+json";
  const manifest = {
    schemaVersion: 2,
    mediaType: manifestType,
    config: { mediaType: configType, digest: configBlob.digest, size: configBlob.size },
    layers: [
      ...layers.map((l) => ({ mediaType: l.mediaType, digest: l.digest, size: l.size })),
      ...(spec.extraLayers ?? []),
    ],
  };
  const manifestBytes = Buffer.from(JSON.stringify(manifest, null, 2));
  const manifestDigest = await pushManifest(
    base,
    repo,
    tag ?? sha256(manifestBytes),
    manifestBytes,
    manifestType,
    auth,
  );
  return { manifestDigest, manifestBytes, config, configBlob, layers };
}

/** An OCI index of the given images plus a BuildKit-style attestation manifest for the first one. */
export async function pushIndex(
  base: string,
  repo: string,
  tag: string,
  images: { image: PushedImage; platform: Record<string, string> }[],
  auth?: string,
): Promise<{ digest: string; bytes: Buffer }> {
  const statement = blob(
    Buffer.from('{"_type":"https://in-toto.io/Statement/v0.1"}'),
    "application/vnd.in-toto+json",
  );
  const emptyConfig = blob(Buffer.from("{}"), "application/vnd.oci.image.config.v1+json");
  await pushBlob(base, repo, statement, auth);
  await pushBlob(base, repo, emptyConfig, auth);
  const attestation = Buffer.from(
    JSON.stringify({
      schemaVersion: 2,
      mediaType: "application/vnd.oci.image.manifest.v1+json",
      config: { mediaType: emptyConfig.mediaType, digest: emptyConfig.digest, size: emptyConfig.size },
      layers: [{ mediaType: statement.mediaType, digest: statement.digest, size: statement.size }],
    }),
  );
  const attestationDigest = await pushManifest(
    base,
    repo,
    sha256(attestation),
    attestation,
    "application/vnd.oci.image.manifest.v1+json",
    auth,
  );
  const index = {
    schemaVersion: 2,
    mediaType: "application/vnd.oci.image.index.v1+json",
    manifests: [
      ...images.map(({ image, platform }) => ({
        mediaType: "application/vnd.oci.image.manifest.v1+json",
        digest: image.manifestDigest,
        size: image.manifestBytes.length,
        platform,
      })),
      {
        mediaType: "application/vnd.oci.image.manifest.v1+json",
        digest: attestationDigest,
        size: attestation.length,
        platform: { architecture: "unknown", os: "unknown" },
        annotations: {
          "vnd.docker.reference.digest": images[0].image.manifestDigest,
          "vnd.docker.reference.type": "attestation-manifest",
        },
      },
    ],
  };
  const bytes = Buffer.from(JSON.stringify(index));
  const digest = await pushManifest(base, repo, tag, bytes, "application/vnd.oci.image.index.v1+json", auth);
  return { digest, bytes };
}
