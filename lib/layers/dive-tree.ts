import type { FileEntry } from "../analysis/types";
import { OPAQUE_MARKER, WHITEOUT_PREFIX } from "./tar-path";

/**
 * A file tree with the semantics of dive's filetree package (wagoodman/dive, dive/filetree), so the
 * waste figures match what dive prints: parents a layer does not list exist as implicit nodes with
 * empty info (size 0, not a directory), adding a path overwrites the info of an existing node but keeps
 * its children, and `.wh..wh.` names are never added.
 */
export type DiveNode = { children: Map<string, DiveNode>; size: number; isDir: boolean };

export const newDiveNode = (): DiveNode => ({ children: new Map(), size: 0, isDir: false });

export function addDivePath(
  root: DiveNode,
  names: string[],
  info: { size: number; isDir: boolean } | null,
): void {
  let node = root;
  for (const name of names) {
    let child = node.children.get(name);
    if (!child) {
      if (name.startsWith(WHITEOUT_PREFIX + WHITEOUT_PREFIX)) return;
      node.children.set(name, (child = newDiveNode()));
    }
    node = child;
  }
  if (info && node !== root) {
    node.size = info.size;
    node.isDir = info.isDir;
  }
}

export function getDiveNode(root: DiveNode, names: string[]): DiveNode | undefined {
  let node: DiveNode | undefined = root;
  for (const name of names) {
    node = node.children.get(name);
    if (!node) return undefined;
  }
  return node;
}

export function removeDivePath(root: DiveNode, names: string[]): void {
  const parent = getDiveNode(root, names.slice(0, -1));
  parent?.children.delete(names[names.length - 1]);
}

const split = (path: string) => (path === "" ? [] : path.split("/"));

/** One layer's tree, with whiteouts as `.wh.<name>` nodes as they appear in the tar. */
export function buildDiveLayerTree(entries: FileEntry[]): DiveNode {
  const root = newDiveNode();
  for (const e of entries) {
    const names = split(e.path);
    if (e.kind === "opaque") addDivePath(root, [...names, OPAQUE_MARKER], { size: 0, isDir: false });
    else if (e.kind === "whiteout") {
      names[names.length - 1] = WHITEOUT_PREFIX + names[names.length - 1];
      addDivePath(root, names, { size: 0, isDir: false });
    } else addDivePath(root, names, { size: e.size, isDir: e.kind === "dir" });
  }
  return root;
}

/** Children in name order, deepest first, the root itself never visited (dive's VisitDepthChildFirst). */
export function visitChildFirst(
  node: DiveNode,
  names: string[],
  fn: (node: DiveNode, names: string[]) => void,
) {
  const keys = [...node.children.keys()].sort();
  for (const key of keys) {
    const child = node.children.get(key)!;
    const childNames = [...names, key];
    visitChildFirst(child, childNames, fn);
    fn(child, childNames);
  }
}

/** dive's FileTree.Stack: whiteouts remove, everything else is added over what is there. */
export function stackDiveTree(lower: DiveNode, upper: DiveNode): void {
  visitChildFirst(upper, [], (node, names) => {
    const last = names[names.length - 1];
    if (last.startsWith(WHITEOUT_PREFIX)) {
      removeDivePath(lower, [...names.slice(0, -1), last.slice(WHITEOUT_PREFIX.length)]);
    } else addDivePath(lower, names, node);
  });
}

export function subtreeSize(node: DiveNode): number {
  let total = node.size;
  for (const child of node.children.values()) total += subtreeSize(child);
  return total;
}
