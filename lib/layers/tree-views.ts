import type { FileSize, LayerScan, MergedTree } from "../analysis/types";

/** Paths shown to people are absolute, as they are inside a running container. */
export const displayPath = (path: string) => `/${path}`;

/** The n biggest regular files of the final image (ties by path, so results are stable). */
export function largestFiles(tree: MergedTree, n = 20): FileSize[] {
  const files: FileSize[] = [];
  for (const [path, node] of tree.nodes) {
    if (node.kind === "file")
      files.push({ path: displayPath(path), bytes: node.size, layerIndex: node.layerIndex });
  }
  files.sort((a, b) => b.bytes - a.bytes || (a.path < b.path ? -1 : 1));
  return files.slice(0, n);
}

/**
 * The captured small files as the final image has them: a capture counts only if the entry it came
 * from is the one that survived (not deleted or replaced by a later layer). Keyed by normalised path;
 * resolve symlinks with `tree.resolve` first. Surviving hard links to a captured file share its bytes.
 */
export function mergedFiles(scans: LayerScan[], tree: MergedTree): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  scans.forEach((scan, layerIndex) => {
    for (const [path, b64] of Object.entries(scan.files)) {
      const node = tree.nodes.get(path);
      if (node?.kind === "file" && node.layerIndex === layerIndex) out.set(path, Buffer.from(b64, "base64"));
    }
    for (const e of scan.entries) {
      if (e.kind !== "hardlink" || e.link === undefined || !(e.link in scan.files)) continue;
      const node = tree.nodes.get(e.path);
      if (node?.kind === "hardlink" && node.layerIndex === layerIndex)
        out.set(e.path, Buffer.from(scan.files[e.link], "base64"));
    }
  });
  return out;
}
