import type { ImageRow } from "../types";

/**
 * Plain-language readings of an image's facts, shared by the tables, the criteria matrix and the
 * compare view so the same image never reads two ways.
 */

/** An empty User runs as root, as do "root", "0", "0:0", "root:root" and "0:<group>". */
export function isRootUser(user: string | null | undefined): boolean {
  const name = (user ?? "").trim().split(":")[0];
  return name === "" || name === "root" || name === "0";
}

export function userText(user: string | null | undefined): string {
  const u = (user ?? "").trim();
  return u === "" ? "root (default)" : u;
}

export function libcText(libc: ImageRow["libc"]): string {
  if (libc.kind === "none") return "none";
  return libc.version ? `${libc.kind} ${libc.version}` : libc.kind;
}

export function javaText(java: ImageRow["java"]): string {
  if (!java) return "none";
  const parts = [
    java.version ? `Java ${java.version}` : "Java (version unknown)",
    java.imageType,
    java.vendor,
  ];
  return parts.filter(Boolean).join(" · ");
}

export function packagesText(row: Pick<ImageRow, "packageCount" | "packageManager">): string {
  if (!row.packageManager) return row.packageCount > 0 ? `${row.packageCount}` : "no package database";
  return `${row.packageCount} (${row.packageManager})`;
}

export function osText(os: ImageRow["os"]): string {
  return os.prettyName ?? ([os.id, os.versionId].filter(Boolean).join(" ") || "unknown");
}

/** Text a filter box matches against: everything a person might type to find an image. */
export function rowSearchText(row: ImageRow): string {
  return [
    row.reference,
    row.platform,
    row.family,
    ...row.labels,
    osText(row.os),
    libcText(row.libc),
    row.packageManager ?? "",
    row.packageManagerBinary ?? "",
    row.shell ?? "no shell",
    javaText(row.java),
    userText(row.user),
    row.debugVariant ? "debug" : "",
  ].join(" ");
}

export function imageHref(id: string): string {
  return `/images/${encodeURIComponent(id)}`;
}

export function compareHref(ids: readonly string[]): string {
  return `/compare?ids=${ids.map(encodeURIComponent).join(",")}`;
}

/** A path as seen inside a running container, with one leading "/" whether or not the result stored one. */
export function absolutePath(path: string): string {
  return `/${path.replace(/^\/+/, "")}`;
}
