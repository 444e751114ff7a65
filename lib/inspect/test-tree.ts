/** Test-only: a MergedTree built by hand from a path → entry list, with a small symlink resolver. */
import type { MergedNode, MergedTree } from "../analysis/types";

export type Spec = Record<
  string,
  { dir: true } | { link: string } | { hardlink: string } | { size?: number; mode?: number }
>;

export function tree(spec: Spec): MergedTree {
  const nodes = new Map<string, MergedNode>();
  for (const [path, s] of Object.entries(spec)) {
    const base = { path, size: 0, mode: 0o755, layerIndex: 0 };
    if ("dir" in s) nodes.set(path, { ...base, kind: "dir" });
    else if ("link" in s) nodes.set(path, { ...base, kind: "symlink", mode: 0o777, link: s.link });
    else if ("hardlink" in s) nodes.set(path, { ...base, kind: "hardlink", link: s.hardlink });
    else nodes.set(path, { ...base, kind: "file", size: s.size ?? 1, mode: s.mode ?? 0o644 });
  }
  const resolve = (path: string): MergedNode | undefined => {
    let parts = path.split("/").filter(Boolean);
    let done: string[] = [];
    for (let hops = 0; parts.length > 0;) {
      const [head, ...rest] = parts;
      if (head === "..") {
        done.pop();
        parts = rest;
        continue;
      }
      const node = nodes.get([...done, head].join("/"));
      if (node?.kind === "symlink" && node.link) {
        if (++hops > 40) return undefined;
        if (node.link.startsWith("/")) done = [];
        parts = [...node.link.split("/").filter((p) => p && p !== "."), ...rest];
        continue;
      }
      done.push(head);
      parts = rest;
    }
    return nodes.get(done.join("/"));
  };
  return { nodes, resolve };
}
