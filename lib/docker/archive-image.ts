import type { LayerDescriptor, LayerScan, ResolvedImage, SourceKind } from "../analysis/types";
import type { ArchiveContents } from "./archive-reader";

const UNCOMPRESSED_TAR = "application/vnd.docker.image.rootfs.diff.tar";

export const ESTIMATE_NOTE =
  "Compressed sizes are estimates: these layers exist only uncompressed here, so each was compressed " +
  "with gzip level 6 (as docker push does) and the bytes counted; a registry may report slightly different sizes.";

/**
 * Layer descriptors from what the archive holds: compressed blobs carry their real size; uncompressed tars
 * (legacy docker save, never-pushed images) get the gzip -6 estimate counted while they streamed.
 */
export function archiveLayerDescriptors(contents: ArchiveContents): {
  layers: LayerDescriptor[];
  estimated: boolean;
} {
  let estimated = false;
  const layers = contents.layers.map((layer, i): LayerDescriptor => {
    const described = contents.layout.descriptors?.[i];
    const digest = described?.digest ?? layer.scan.digest;
    const mediaType = described?.mediaType ?? UNCOMPRESSED_TAR;
    if (layer.compressed) return { digest, mediaType, size: layer.entryBytes };
    estimated = true;
    return { digest, mediaType, size: layer.gzipEstimate ?? layer.entryBytes };
  });
  return { layers, estimated };
}

export type ImageBasics = {
  reference: string;
  source: SourceKind;
  /** Overrides for what the archive cannot know (the registry manifest of a pulled image). */
  digest?: string;
  indexDigest?: string;
  layers?: LayerDescriptor[];
  notes?: string[];
};

export function resolvedFromArchive(contents: ArchiveContents, basics: ImageBasics): ResolvedImage {
  const { layout } = contents;
  const fromArchive = basics.layers ? undefined : archiveLayerDescriptors(contents);
  const estimated = fromArchive?.estimated ?? false;
  return {
    reference: basics.reference,
    source: basics.source,
    digest: basics.digest ?? layout.manifestDigest ?? layout.configDigest,
    indexDigest: basics.indexDigest ?? layout.indexDigest,
    platform: layout.platform,
    availablePlatforms: layout.availablePlatforms,
    config: layout.config,
    configDigest: layout.configDigest,
    layers: basics.layers ?? fromArchive?.layers ?? [],
    compressedIsEstimate: estimated,
    notes: [...layout.notes, ...(basics.notes ?? []), ...(estimated ? [ESTIMATE_NOTE] : [])],
  };
}

export function scansOf(contents: ArchiveContents): LayerScan[] {
  return contents.layers.map((l) => l.scan);
}
