import type { ImageRow } from "../types";

/** The fields of the stored image JSON (lib/db imageJson, the /api/images answer) that a row needs. */
export type StoredImage = Omit<
  ImageRow,
  "packageCount" | "packageManager" | "packageManagerBinary" | "debugVariant"
> & {
  packages: { manager: string | null; count: number };
  /** The package manager tool found in the image (AnalysisResult.packageManager). */
  packageManager: string | null;
};

/**
 * A debug variant by its tag: distroless and Chainguard publish ":debug", ":debug-nonroot",
 * ":latest-dev" images that add a shell to an otherwise shell-less base.
 */
export function isDebugVariant(reference: string): boolean {
  const at = reference.indexOf("@");
  const name = at >= 0 ? reference.slice(0, at) : reference;
  const colon = name.lastIndexOf(":");
  const tag = colon > name.lastIndexOf("/") ? name.slice(colon + 1) : "";
  return /(^|[-_.])(debug|dev)($|[-_.])/.test(tag);
}

/**
 * Stored image JSON → the row every dashboard component takes. Fields are copied one by one so the extra
 * parts of the stored JSON (layers, notes, ...) are not shipped to client components.
 */
export function toImageRow(image: StoredImage): ImageRow {
  return {
    id: image.id,
    reference: image.reference,
    platform: image.platform,
    family: image.family,
    labels: image.labels,
    digest: image.digest,
    compressedBytes: image.compressedBytes,
    compressedIsEstimate: image.compressedIsEstimate,
    uncompressedBytes: image.uncompressedBytes,
    filesystemBytes: image.filesystemBytes,
    fileCount: image.fileCount,
    layerCount: image.layerCount,
    packageCount: image.packages.count,
    packageManager: image.packages.manager,
    packageManagerBinary: image.packageManager,
    os: image.os,
    libc: image.libc,
    shell: image.shell,
    java: image.java,
    user: image.user,
    wastedBytes: image.wastedBytes,
    efficiency: image.efficiency,
    analyzedAt: image.analyzedAt,
    debugVariant: isDebugVariant(image.reference),
  };
}
