import type { ContentFacts, ImageConfig, MergedTree, PackageResult } from "../analysis/types";
import { detectPackageManager, detectShell } from "./binaries";
import { detectJava } from "./java";
import { detectLibc } from "./libc";
import { detectOs } from "./os";

/** What is inside the final image: distribution, C library, shell, package manager, Java, runtime config. */
export function inspectContents(
  tree: MergedTree,
  files: Map<string, Buffer>,
  config: ImageConfig,
  packages: PackageResult[],
): ContentFacts {
  const c = config.config ?? {};
  return {
    os: detectOs(tree, files),
    libc: detectLibc(tree, packages),
    shell: detectShell(tree),
    packageManager: detectPackageManager(tree),
    java: detectJava(tree, files, config),
    // As the config says it: "" means the image sets no user and runs as root (the CLI's documented
    // contract); the UI words it for people.
    user: c.User?.trim() ?? "",
    entrypoint: c.Entrypoint ?? null,
    cmd: c.Cmd ?? null,
    exposedPorts: Object.keys(c.ExposedPorts ?? {}).sort(),
    setuidCount: countSetid(tree),
  };
}

/** Regular files with the setuid or setgid bit: the privilege-escalation surface an image carries. */
function countSetid(tree: MergedTree): number {
  let n = 0;
  for (const node of tree.nodes.values()) if (node.kind === "file" && (node.mode & 0o6000) !== 0) n++;
  return n;
}
