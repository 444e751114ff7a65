import type { ImageJson } from "../db/serialize";
import { BasescopeError } from "../errors";

const SORTABLE = {
  reference: (i: ImageJson) => i.reference,
  family: (i: ImageJson) => i.family,
  compressedBytes: (i: ImageJson) => i.compressedBytes,
  uncompressedBytes: (i: ImageJson) => i.uncompressedBytes,
  filesystemBytes: (i: ImageJson) => i.filesystemBytes,
  layerCount: (i: ImageJson) => i.layerCount,
  packages: (i: ImageJson) => i.packages.count,
  wastedBytes: (i: ImageJson) => i.wastedBytes,
  analyzedAt: (i: ImageJson) => i.analyzedAt,
} as const;

/** `?sort=compressedBytes` or `?sort=compressedBytes:desc`; unknown fields are a 400, not ignored. */
export function sortImages(items: ImageJson[], sort: string | null): ImageJson[] {
  if (!sort) return items;
  const [field, dir = "asc"] = sort.split(":");
  const key = SORTABLE[field as keyof typeof SORTABLE];
  if (!key || (dir !== "asc" && dir !== "desc")) {
    throw new BasescopeError(
      "InvalidInput",
      `sort must be one of ${Object.keys(SORTABLE).join(", ")}, optionally with :asc or :desc.`,
    );
  }
  const sign = dir === "desc" ? -1 : 1;
  return [...items].sort((a, b) => {
    const x = key(a);
    const y = key(b);
    return sign * (x < y ? -1 : x > y ? 1 : 0);
  });
}
