/** Pure comparisons between 2-4 images: packages only in some, version differences, shared layers. */

export type PackageLite = { manager: string; name: string; version: string; arch?: string | null };
export type LayerLite = { digest: string; compressedBytes: number; uncompressedBytes: number };

export type PackageDiff = {
  /** name → version per image (null where the image lacks it), for packages not identical everywhere. */
  rows: { name: string; versions: (string | null)[] }[];
  onlyIn: number[];
  versionDiffers: number;
  common: number;
};

const key = (p: PackageLite) => `${p.manager}/${p.name}${p.arch ? `:${p.arch}` : ""}`;

export function diffPackages(lists: PackageLite[][]): PackageDiff {
  const maps = lists.map((l) => new Map(l.map((p) => [key(p), p])));
  const names = [...new Set(maps.flatMap((m) => [...m.keys()]))].sort();
  const rows: PackageDiff["rows"] = [];
  const onlyIn = lists.map(() => 0);
  let versionDiffers = 0;
  let common = 0;
  for (const k of names) {
    const versions = maps.map((m) => m.get(k)?.version ?? null);
    const present = versions.filter((v) => v !== null);
    if (present.length === versions.length && new Set(present).size === 1) {
      common++;
      continue;
    }
    if (present.length === 1) onlyIn[versions.findIndex((v) => v !== null)]++;
    else if (present.length === versions.length) versionDiffers++;
    rows.push({ name: maps.find((m) => m.has(k))!.get(k)!.name, versions });
  }
  return { rows, onlyIn, versionDiffers, common };
}

export type SharedLayers = {
  layers: (LayerLite & { images: number[] })[];
  /** Bytes a host or registry stores once instead of once per image. */
  savedCompressedBytes: number;
  savedUncompressedBytes: number;
};

/** Layers present in two or more of the images (same blob digest); each is stored and pulled once. */
export function sharedLayers(images: LayerLite[][]): SharedLayers {
  const byDigest = new Map<string, LayerLite & { images: number[] }>();
  images.forEach((layers, i) => {
    for (const l of layers) {
      const entry = byDigest.get(l.digest) ?? { ...l, images: [] };
      if (!entry.images.includes(i)) entry.images.push(i);
      byDigest.set(l.digest, entry);
    }
  });
  const layers = [...byDigest.values()].filter((l) => l.images.length > 1);
  return {
    layers,
    savedCompressedBytes: layers.reduce((s, l) => s + l.compressedBytes * (l.images.length - 1), 0),
    savedUncompressedBytes: layers.reduce((s, l) => s + l.uncompressedBytes * (l.images.length - 1), 0),
  };
}
