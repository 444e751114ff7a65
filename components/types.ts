import type { AnalysisResult, JavaInfo, LayerResult, PackageManagerKind } from "@/lib/analysis/types";

/**
 * One analysed image on one platform, as the dashboard lists it: the summary figures of an
 * AnalysisResult plus what the database adds (id, family, labels, when it was analysed). Pages map
 * stored rows to this shape; every component in components/images takes it.
 */
export type ImageRow = {
  id: string;
  reference: string;
  platform: string;
  /** Grouping key people choose by: "alpine", "distroless", "ubuntu", "temurin", ... */
  family: string;
  labels: string[];
  digest: string;
  /** What a pull downloads: Σ compressed layer blobs. */
  compressedBytes: number;
  /** True when the compressed size is a local gzip estimate (image never pushed to a registry). */
  compressedIsEstimate: boolean;
  /** Σ regular file bytes of every layer, before whiteouts (what `docker images` shows). */
  uncompressedBytes: number;
  /** Bytes of the files in the merged filesystem a container sees. */
  filesystemBytes: number;
  fileCount: number;
  layerCount: number;
  packageCount: number;
  /** Kind of package database found ("dpkg", "apk", "rpm"), null when none: AnalysisResult.packages.manager. */
  packageManager: string | null;
  /**
   * Package manager tool present in the image (apt, apk, microdnf, ...): AnalysisResult.packageManager.
   * Distroless has a dpkg database but no tool, so the two differ.
   */
  packageManagerBinary: string | null;
  os: AnalysisResult["os"];
  libc: AnalysisResult["libc"];
  shell: string | null;
  java: JavaInfo | null;
  user: string;
  wastedBytes: number;
  efficiency: number;
  /** ISO timestamp of the analysis run. */
  analyzedAt: string;
  /** A ":debug" style variant that adds a shell/busybox to an otherwise minimal image. */
  debugVariant: boolean;
};

/** One past analysis of the same tag, for the size-over-time view. */
export type RunHistoryEntry = {
  id: string;
  analyzedAt: string;
  digest: string;
  compressedBytes: number;
  filesystemBytes: number;
  packageCount: number;
  status?: "succeeded" | "failed" | "running" | "queued";
  error?: string | null;
};

/** One installed package as stored (optional database fields may be null or absent). */
export type PackageRow = {
  manager: PackageManagerKind;
  name: string;
  version: string;
  arch?: string | null;
  installedBytes?: number | null;
  source?: string | null;
  license?: string | null;
  layerIndex: number;
};

/**
 * One layer as the detail page shows it: a LayerResult, except that stored rows keep only the number of
 * packages a layer added or removed, while a fresh AnalysisResult has their names.
 */
export type LayerRow = Omit<LayerResult, "packagesAdded" | "packagesRemoved"> & {
  packagesAdded: string[] | number;
  packagesRemoved: string[] | number;
};
