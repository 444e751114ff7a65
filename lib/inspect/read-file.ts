import type { MergedNode, MergedTree } from "../analysis/types";

/** The captured bytes of a file as the final image shows it, following symlinks (etc/os-release → usr/lib/...). */
export function readCaptured(tree: MergedTree, files: Map<string, Buffer>, path: string): string | undefined {
  const node = tree.resolve(path);
  if (node && !isRegular(node)) return undefined;
  const bytes =
    (node && (files.get(node.path) ?? (node.link ? files.get(node.link) : undefined))) ?? files.get(path);
  return bytes?.toString("utf8");
}

/** True when the path leads to a regular file (following symlinks), as a program would find it. */
export function isFile(tree: MergedTree, path: string): boolean {
  const node = tree.resolve(path);
  return node !== undefined && isRegular(node);
}

/** Regular files, hard links included (busybox images hard-link bin/sh to bin/busybox). */
export function isRegular(node: MergedNode): boolean {
  return node.kind === "file" || node.kind === "hardlink";
}
