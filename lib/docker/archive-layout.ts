import type { ImageConfig, LayerDescriptor, Platform } from "../analysis/types";
import { BasescopeError } from "../errors";
import { normalizePlatform } from "../reference";
import { choosePlatform, type IndexEntry } from "./platform-choice";

/**
 * Works out which image an archive holds from the small JSON documents read out of it: a `docker save`
 * tar (legacy `<id>/layer.tar` layout, or the OCI layout plus manifest.json that engines 25+ write) or a
 * plain OCI layout (skopeo `oci-archive:`), which only has index.json.
 */
export type ArchiveLayout = {
  format: "docker-legacy" | "docker-oci" | "oci";
  config: ImageConfig;
  configDigest: string;
  /** Archive paths of the layer entries, in layer order (the same path may repeat). */
  layerPaths: string[];
  /** Layer descriptors of the OCI manifest, when the archive has one. */
  descriptors?: LayerDescriptor[];
  manifestDigest?: string;
  indexDigest?: string;
  platform: Platform;
  availablePlatforms: Platform[];
  repoTags: string[];
  notes: string[];
};

type JsonDocs = ReadonlyMap<string, unknown>;
type Descriptor = { mediaType?: string; digest?: string; size?: number; urls?: string[] };
type SaveManifestEntry = { Config?: string; RepoTags?: string[] | null; Layers?: string[] };

const DIGEST_PATH = /^blobs\/([a-z0-9]+)\/([a-f0-9]+)$/;

export function blobPath(digest: string): string {
  const [algorithm, hex] = digest.split(":");
  return `blobs/${algorithm}/${hex}`;
}

/** "blobs/sha256/<hex>" and legacy "<hex>.json" both name the sha256 of their content. */
export function digestOfPath(path: string): string | undefined {
  const blob = DIGEST_PATH.exec(path);
  if (blob) return `${blob[1]}:${blob[2]}`;
  const legacy = /^([a-f0-9]{64})\.json$/.exec(path);
  return legacy ? `sha256:${legacy[1]}` : undefined;
}

function corrupt(message: string): BasescopeError {
  return new BasescopeError("CorruptLayer", `The image archive is incomplete: ${message}.`);
}

function configPlatform(config: ImageConfig): Platform {
  return normalizePlatform({ os: config.os, architecture: config.architecture, variant: config.variant });
}

function readConfig(docs: JsonDocs, path: string): ImageConfig {
  const config = docs.get(path);
  if (!config || typeof config !== "object") throw corrupt(`the image config ${path} is missing`);
  return config as ImageConfig;
}

function ociDescriptors(manifest: { layers?: Descriptor[] }): LayerDescriptor[] {
  return (manifest.layers ?? []).map((l) => ({
    digest: String(l.digest),
    mediaType: l.mediaType ?? "application/vnd.oci.image.layer.v1.tar",
    size: Number(l.size ?? 0),
    ...(l.urls ? { urls: l.urls } : {}),
  }));
}

function fromSaveManifest(docs: JsonDocs, entries: SaveManifestEntry[]): ArchiveLayout {
  const [entry] = entries;
  if (!entry?.Config || !Array.isArray(entry.Layers)) throw corrupt("manifest.json names no image");
  const config = readConfig(docs, entry.Config);
  const configDigest = digestOfPath(entry.Config) ?? "";
  const repoTags = entry.RepoTags ?? [];
  const notes =
    entries.length > 1
      ? [
          `The archive holds ${entries.length} images; only the first (${repoTags[0] ?? configDigest}) was analysed.`,
        ]
      : [];
  const oci = entry.Layers.some((p) => p.startsWith("blobs/"));
  // Engines 25+ also store the OCI manifest as a blob: it carries the real layer media types and sizes.
  let manifestDigest: string | undefined;
  let descriptors: LayerDescriptor[] | undefined;
  for (const [path, doc] of docs) {
    const m = doc as { config?: Descriptor; layers?: Descriptor[] };
    if (oci && path.startsWith("blobs/") && m?.config?.digest === configDigest && Array.isArray(m.layers)) {
      manifestDigest = digestOfPath(path);
      descriptors = ociDescriptors(m);
    }
  }
  const platform = configPlatform(config);
  return {
    format: oci ? "docker-oci" : "docker-legacy",
    config,
    configDigest,
    layerPaths: entry.Layers,
    descriptors,
    manifestDigest,
    platform,
    availablePlatforms: [platform],
    repoTags,
    notes,
  };
}

type OciIndex = { manifests?: IndexEntry[] };

function fromOciIndex(docs: JsonDocs, index: OciIndex, wanted?: Platform): ArchiveLayout {
  let entries = index.manifests ?? [];
  let indexDigest: string | undefined;
  for (let depth = 0; depth < 4; depth++) {
    const chosen = choosePlatform(entries, wanted, (d) => docs.has(blobPath(d)));
    const doc = docs.get(blobPath(chosen.entry.digest)) as (OciIndex & { config?: Descriptor }) | undefined;
    if (!doc) throw corrupt(`the manifest ${chosen.entry.digest} is not in the archive`);
    if (Array.isArray(doc.manifests)) {
      indexDigest = chosen.entry.digest;
      entries = doc.manifests;
      continue;
    }
    const configDigest = doc.config?.digest;
    if (!configDigest) throw corrupt(`the manifest ${chosen.entry.digest} names no config`);
    const config = readConfig(docs, blobPath(configDigest));
    const descriptors = ociDescriptors(doc as { layers?: Descriptor[] });
    const platform = configPlatform(config);
    const annotations = chosen.entry.annotations ?? {};
    const refName =
      annotations["io.containerd.image.name"] ?? annotations["org.opencontainers.image.ref.name"];
    return {
      format: "oci",
      config,
      configDigest,
      layerPaths: descriptors.map((d) => blobPath(d.digest)),
      descriptors,
      manifestDigest: chosen.entry.digest,
      indexDigest,
      platform,
      availablePlatforms: chosen.available.length > 0 ? chosen.available : [platform],
      repoTags: refName ? [refName] : [],
      notes: [],
    };
  }
  throw corrupt("index.json nests indexes too deeply");
}

/** Picks the image out of the archive's JSON documents (paths normalised, parsed). */
export function resolveArchiveLayout(docs: JsonDocs, wanted?: Platform): ArchiveLayout {
  const saveManifest = docs.get("manifest.json");
  if (Array.isArray(saveManifest) && saveManifest.length > 0) return fromSaveManifest(docs, saveManifest);
  const index = docs.get("index.json") as OciIndex | undefined;
  if (index && Array.isArray(index.manifests) && index.manifests.length > 0)
    return fromOciIndex(docs, index, wanted);
  throw new BasescopeError(
    "InvalidInput",
    "This file is not a docker save or OCI image archive: it has neither manifest.json nor index.json.",
  );
}
