import type { LayerScan, MergedNode, MergedTree } from "../analysis/types";
import { resolveInTree } from "./resolve-path";
import { parentPath } from "./tar-path";

/** Where a hard link's bytes live: tar gives links size 0, so the size comes from the target's entry. */
type HardLinkInfo = { target: string; size: number; layerIndex: number };

export type LayerTree = MergedTree & {
  /** Surviving hard links by path, so their bytes still count when the target itself was deleted later. */
  hardLinks: ReadonlyMap<string, HardLinkInfo>;
};

/** The node map plus a parent → children index so whiteouts remove whole subtrees without a full scan. */
class TreeBuilder {
  readonly nodes = new Map<string, MergedNode>();
  readonly hardLinks = new Map<string, HardLinkInfo>();
  private readonly children = new Map<string, Set<string>>();
  private readonly known = new Set<string>([""]);

  set(path: string, node: MergedNode): void {
    this.nodes.set(path, node);
    this.register(path);
  }

  /** Parents may exist only implicitly (a layer need not list them); index them anyway. */
  private register(path: string): void {
    while (!this.known.has(path)) {
      this.known.add(path);
      const parent = parentPath(path);
      let set = this.children.get(parent);
      if (!set) this.children.set(parent, (set = new Set()));
      set.add(path);
      path = parent;
    }
  }

  removeChildren(path: string): void {
    const set = this.children.get(path);
    if (!set) return;
    this.children.delete(path);
    for (const child of set) this.drop(child);
  }

  remove(path: string): void {
    if (!this.known.has(path) || path === "") return;
    this.drop(path);
    this.children.get(parentPath(path))?.delete(path);
  }

  private drop(path: string): void {
    this.removeChildren(path);
    this.nodes.delete(path);
    this.hardLinks.delete(path);
    this.known.delete(path);
  }
}

/**
 * Applies the layers in order (image-spec layer.md): within a layer, opaque markers first, then
 * whiteouts (which only ever hide what lower layers put there), then the layer's own entries; a
 * non-directory replacing a directory takes the directory's subtree with it.
 */
export function buildMergedTree(scans: LayerScan[]): LayerTree {
  const t = new TreeBuilder();
  scans.forEach((scan, layerIndex) => {
    for (const e of scan.entries) if (e.kind === "opaque") t.removeChildren(e.path);
    for (const e of scan.entries) if (e.kind === "whiteout") t.remove(e.path);
    const sizes = new Map<string, number>();
    for (const e of scan.entries) {
      if (e.kind === "opaque" || e.kind === "whiteout") continue;
      // A lower directory may exist only implicitly (its layer never listed it), so check for children.
      if (e.kind !== "dir") t.removeChildren(e.path);
      t.hardLinks.delete(e.path);
      t.set(e.path, { ...e, layerIndex });
      if (e.kind === "file") sizes.set(e.path, e.size);
      if (e.kind === "hardlink" && e.link !== undefined) {
        const lower = t.nodes.get(e.link);
        const size = sizes.get(e.link) ?? (lower?.kind === "file" ? lower.size : 0);
        t.hardLinks.set(e.path, {
          target: e.link,
          size,
          layerIndex: sizes.has(e.link) ? layerIndex : (lower?.layerIndex ?? layerIndex),
        });
      }
    }
  });
  const nodes = t.nodes;
  return { nodes, hardLinks: t.hardLinks, resolve: (path: string) => resolveInTree(nodes, path) };
}

/** Σ sizes of surviving regular files; a hard-link group whose named file is gone still counts once. */
export function filesystemBytes(tree: MergedTree): number {
  let total = 0;
  for (const node of tree.nodes.values()) if (node.kind === "file") total += node.size;
  const links = (tree as Partial<LayerTree>).hardLinks;
  if (!links) return total;
  const orphanGroups = new Set<string>();
  for (const [path, link] of links) {
    if (tree.nodes.get(path)?.kind !== "hardlink") continue;
    const target = tree.nodes.get(link.target);
    if (target?.kind === "file" && target.layerIndex === link.layerIndex) continue;
    const group = `${link.layerIndex}\0${link.target}`;
    if (orphanGroups.has(group)) continue;
    orphanGroups.add(group);
    total += link.size;
  }
  return total;
}

/** Regular files, symlinks and hard links of the final image (what `find -type f -o -type l` counts). */
export function fileCount(tree: MergedTree): number {
  let n = 0;
  for (const node of tree.nodes.values())
    if (node.kind === "file" || node.kind === "symlink" || node.kind === "hardlink") n++;
  return n;
}
