import type { LayerScan, WastedPath } from "../analysis/types";
import { buildDiveLayerTree, getDiveNode, stackDiveTree, subtreeSize, visitChildFirst } from "./dive-tree";
import { WHITEOUT_PREFIX } from "./tar-path";

export type WasteFigures = {
  /** Σ smallest size seen per path / Σ all sizes seen per path; 1 when nothing was seen. */
  efficiency: number;
  /** Σ cumulative size of every path seen in two or more layers (the surviving copy included). */
  wastedBytes: number;
  /** Σ layer sizes after the first (base) layer. */
  userSizeBytes: number;
  /** wastedBytes / userSizeBytes; 0 when the upper layers add nothing (dive would divide by zero). */
  userWastedPercent: number;
  wastedPaths: WastedPath[];
};

type PathStats = { cumulative: number; min: number; count: number };

/**
 * dive's efficiency figures (dive/filetree/efficiency.go, image analysis): every leaf of every layer's
 * tree is a visit to its path; a whiteout visit weighs what it deleted when that was a directory (its
 * subtree in the stack of the layers below) and 0 when it was a file; opaque markers do not count.
 * Where dive gives up (a whiteout of a path no lower layer has) this counts the visit as 0 bytes.
 */
export function wasteFigures(scans: LayerScan[], top = 20): WasteFigures {
  const stats = new Map<string, PathStats>();
  let stacked = scans.length ? buildDiveLayerTree(scans[0].entries) : undefined;
  scans.forEach((scan, i) => {
    const layer = i === 0 ? stacked! : buildDiveLayerTree(scan.entries);
    // dive stacks layers 0..i-1 onto a copy of layer 0, so layer 0 itself sees its own raw tree.
    const below = i === 0 ? layer : stacked!;
    visitChildFirst(layer, [], (node, names) => {
      if (node.children.size > 0) return;
      const last = names[names.length - 1];
      let size = node.size;
      if (last.startsWith(WHITEOUT_PREFIX)) {
        names = [...names.slice(0, -1), last.slice(WHITEOUT_PREFIX.length)];
        const previous = getDiveNode(below, names);
        size = previous?.isDir ? subtreeSize(previous) : 0;
      }
      const key = "/" + names.join("/");
      const s = stats.get(key);
      if (!s) stats.set(key, { cumulative: size, min: size, count: 1 });
      else {
        s.cumulative += size;
        s.min = Math.min(s.min, size);
        s.count++;
      }
    });
    if (i === 0) {
      stacked = buildDiveLayerTree(scan.entries);
      stackDiveTree(stacked, layer);
    } else stackDiveTree(stacked!, layer);
  });

  let minimum = 0;
  let discovered = 0;
  let wastedBytes = 0;
  const wasted: WastedPath[] = [];
  for (const [path, s] of stats) {
    minimum += s.min;
    discovered += s.cumulative;
    if (s.count >= 2) {
      wastedBytes += s.cumulative;
      wasted.push({ path, bytes: s.cumulative, occurrences: s.count });
    }
  }
  const userSizeBytes = scans.slice(1).reduce((n, s) => n + s.uncompressedBytes, 0);
  wasted.sort((a, b) => b.bytes - a.bytes || (a.path < b.path ? -1 : 1));
  return {
    efficiency: discovered === 0 ? 1 : minimum / discovered,
    wastedBytes,
    userSizeBytes,
    userWastedPercent: userSizeBytes === 0 ? 0 : wastedBytes / userSizeBytes,
    wastedPaths: wasted.slice(0, top),
  };
}
