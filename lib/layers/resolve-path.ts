import type { MergedNode } from "../analysis/types";

/** Linux gives up after 40 symlinks (MAXSYMLINKS); so do we, which also ends loops. */
export const MAX_SYMLINK_HOPS = 40;

function components(path: string): string[] {
  return path.split("/").filter((c) => c !== "" && c !== ".");
}

/**
 * Resolves a path the way the kernel would inside a chroot at the image root: every symlink on the way,
 * the last one included, is followed; absolute targets restart at the root and ".." stops at the root.
 * Symlinked parent directories (usr-merged /bin -> usr/bin) are followed too.
 */
export function resolveInTree(nodes: ReadonlyMap<string, MergedNode>, path: string): MergedNode | undefined {
  let queue = components(path);
  let at = 0;
  const done: string[] = [];
  let hops = 0;
  while (at < queue.length) {
    const part = queue[at++];
    if (part === "..") {
      done.pop();
      continue;
    }
    done.push(part);
    const node = nodes.get(done.join("/"));
    if (node?.kind !== "symlink") continue;
    if (++hops > MAX_SYMLINK_HOPS) return undefined;
    const target = node.link ?? "";
    done.pop();
    if (target.startsWith("/")) done.length = 0;
    queue = [...components(target), ...queue.slice(at)];
    at = 0;
  }
  return done.length ? nodes.get(done.join("/")) : undefined;
}
