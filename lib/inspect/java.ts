import type { ImageConfig, JavaInfo, MergedTree } from "../analysis/types";
import { parseKeyValue } from "./key-value";
import { isFile, readCaptured } from "./read-file";

/**
 * The Java runtime an image ships: its home from JAVA_HOME, the Temurin default, where usr/bin/java
 * leads, or else any captured `release` file naming a JAVA_VERSION.
 */
export function detectJava(
  tree: MergedTree,
  files: Map<string, Buffer>,
  config: ImageConfig,
): JavaInfo | null {
  const env = envMap(config.config?.Env);
  const home = findHome(tree, files, env);
  if (!home) return null;
  const release = parseKeyValue(readCaptured(tree, files, `${home}/release`) ?? "");
  const declared = release.get("IMAGE_TYPE")?.toUpperCase();
  const imageType =
    declared === "JDK" || declared === "JRE"
      ? declared
      : isFile(tree, `${home}/bin/javac`)
        ? "JDK"
        : isFile(tree, `${home}/bin/java`)
          ? "JRE"
          : null;
  return {
    version: release.get("JAVA_VERSION") || env.get("JAVA_VERSION") || null,
    vendor: release.get("IMPLEMENTOR") || null,
    imageType,
    home: `/${home}`,
    bytes: bytesUnder(tree, home),
  };
}

function findHome(tree: MergedTree, files: Map<string, Buffer>, env: Map<string, string>): string | null {
  const candidates = [env.get("JAVA_HOME"), "opt/java/openjdk"];
  for (const c of candidates) {
    const home = c ? realDir(tree, normalise(c)) : null;
    if (home && (isFile(tree, `${home}/bin/java`) || isFile(tree, `${home}/release`))) return home;
  }
  const java = tree.resolve("usr/bin/java");
  if (java && java.path.endsWith("/bin/java")) return java.path.slice(0, -"/bin/java".length);
  const releases = [...files.keys()].filter((p) => p.endsWith("/release")).sort();
  for (const p of releases) {
    if (readCaptured(tree, files, p)?.includes("JAVA_VERSION"))
      return realDir(tree, p.slice(0, -"/release".length));
  }
  return null;
}

/** The directory's real path when it is reached through symlinks (usr/lib/jvm/default-java → ...). */
function realDir(tree: MergedTree, dir: string): string | null {
  if (dir === "") return null;
  const node = tree.resolve(dir);
  return node?.kind === "dir" ? node.path : dir;
}

function bytesUnder(tree: MergedTree, home: string): number {
  const prefix = `${home}/`;
  let total = 0;
  for (const [path, node] of tree.nodes)
    if (node.kind === "file" && path.startsWith(prefix)) total += node.size;
  return total;
}

function envMap(env: string[] | null | undefined): Map<string, string> {
  const out = new Map<string, string>();
  for (const e of env ?? []) {
    const eq = e.indexOf("=");
    if (eq > 0) out.set(e.slice(0, eq), e.slice(eq + 1));
  }
  return out;
}

function normalise(p: string): string {
  return p.replace(/^\/+/, "").replace(/\/+$/, "");
}
