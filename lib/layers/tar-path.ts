/**
 * Tar entry names as layers write them ("./usr/bin/", "/etc/passwd", "a//b") turned into one normal form:
 * no leading "./" or "/", no trailing "/", no empty or "." components. The root itself is "".
 */

/** A normalised name, or null when the name is hostile (".." components, NUL) and must not be trusted. */
export function normalizeTarPath(name: string): string | null {
  if (name.includes("\0")) return null;
  const parts: string[] = [];
  for (const part of name.split("/")) {
    if (part === "" || part === ".") continue;
    // An extractor that honoured ".." could write outside the root; such an entry describes nothing real.
    if (part === "..") return null;
    parts.push(part);
  }
  return parts.join("/");
}

export const WHITEOUT_PREFIX = ".wh.";
export const OPAQUE_MARKER = ".wh..wh..opq";

export type WhiteoutName =
  | { kind: "plain" }
  | { kind: "whiteout"; target: string }
  | { kind: "opaque"; dir: string }
  /** Other `.wh..wh.` names are reserved for aufs bookkeeping (hard-link dirs) and carry no file. */
  | { kind: "reserved" };

/** Classifies a normalised path by its last component (image-spec layer.md whiteouts). */
export function classifyWhiteout(path: string): WhiteoutName {
  const slash = path.lastIndexOf("/");
  const base = path.slice(slash + 1);
  if (slash >= 0 && path.includes(WHITEOUT_PREFIX + WHITEOUT_PREFIX)) {
    if (
      path
        .slice(0, slash)
        .split("/")
        .some((c) => c.startsWith(WHITEOUT_PREFIX + WHITEOUT_PREFIX))
    )
      return { kind: "reserved" };
  }
  if (!base.startsWith(WHITEOUT_PREFIX)) return { kind: "plain" };
  const dir = slash < 0 ? "" : path.slice(0, slash);
  if (base === OPAQUE_MARKER) return { kind: "opaque", dir };
  if (base.startsWith(WHITEOUT_PREFIX + WHITEOUT_PREFIX)) return { kind: "reserved" };
  const name = base.slice(WHITEOUT_PREFIX.length);
  if (name === "" || name === "." || name === "..") return { kind: "reserved" };
  return { kind: "whiteout", target: dir ? `${dir}/${name}` : name };
}

/** The parent of a normalised path ("" for top-level names). */
export function parentPath(path: string): string {
  const slash = path.lastIndexOf("/");
  return slash < 0 ? "" : path.slice(0, slash);
}
