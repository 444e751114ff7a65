import type { ImageJson } from "../db/serialize";
import type { layerJson, packageJson } from "../db/serialize";

type Column<T> = [name: string, value: (row: T) => string | number | boolean | null];

export const IMAGE_COLUMNS: Column<ImageJson>[] = [
  ["reference", (i) => i.reference],
  ["platform", (i) => i.platform],
  ["digest", (i) => i.digest],
  ["family", (i) => i.family],
  ["compressed_bytes", (i) => i.compressedBytes],
  ["compressed_is_estimate", (i) => i.compressedIsEstimate],
  ["uncompressed_bytes", (i) => i.uncompressedBytes],
  ["filesystem_bytes", (i) => i.filesystemBytes],
  ["file_count", (i) => i.fileCount],
  ["layers", (i) => i.layerCount],
  ["packages", (i) => i.packages.count],
  ["package_manager", (i) => i.packages.manager],
  ["os", (i) => i.os.prettyName ?? i.os.id],
  ["libc", (i) => (i.libc.version ? `${i.libc.kind} ${i.libc.version}` : i.libc.kind)],
  ["shell", (i) => i.shell],
  ["java_version", (i) => i.java?.version ?? null],
  ["java_vendor", (i) => i.java?.vendor ?? null],
  ["java_bytes", (i) => i.java?.bytes ?? null],
  ["user", (i) => i.user],
  ["wasted_bytes", (i) => i.wastedBytes],
  ["efficiency", (i) => i.efficiency],
  ["analyzed_at", (i) => i.analyzedAt],
];

export type LayerRow = ReturnType<typeof layerJson> & { reference: string; platform: string };
export const LAYER_COLUMNS: Column<LayerRow>[] = [
  ["reference", (l) => l.reference],
  ["platform", (l) => l.platform],
  ["index", (l) => l.index],
  ["digest", (l) => l.digest],
  ["diff_id", (l) => l.diffId],
  ["media_type", (l) => l.mediaType],
  ["compressed_bytes", (l) => l.compressedBytes],
  ["uncompressed_bytes", (l) => l.uncompressedBytes],
  ["file_count", (l) => l.fileCount],
  ["packages_added", (l) => l.packagesAdded],
  ["created_by", (l) => l.createdBy],
];

export type PackageRow = ReturnType<typeof packageJson> & { reference: string; platform: string };
export const PACKAGE_COLUMNS: Column<PackageRow>[] = [
  ["reference", (p) => p.reference],
  ["platform", (p) => p.platform],
  ["manager", (p) => p.manager],
  ["name", (p) => p.name],
  ["version", (p) => p.version],
  ["arch", (p) => p.arch],
  ["installed_bytes", (p) => p.installedBytes],
  ["source", (p) => p.source],
  ["license", (p) => p.license],
  ["layer_index", (p) => p.layerIndex],
];
