import type { ContentFacts, MergedTree, PackageResult } from "../analysis/types";

type Libc = ContentFacts["libc"];

// Loaders and the C library as distributions place them; an optional usr/ prefix covers usr-merged trees
// whose lib/ is a symlink (the surviving real files then live under usr/lib).
const MUSL_LOADER = /^(usr\/)?lib\/ld-musl-[^/]+\.so\.1$/;
const GLIBC_FILE = /^(usr\/)?lib(32|64|x32)?\/([^/]+-linux-gnu[^/]*\/)?(ld-linux[^/]*\.so\.\d+|libc\.so\.6)$/;
const GLIBC_VERSIONED = /^(usr\/)?lib(32|64|x32)?\/([^/]+-linux-gnu[^/]*\/)?libc-(\d+\.\d+(\.\d+)?)\.so$/;

/** musl or glibc from the loader files present, the version from the package that ships it. */
export function detectLibc(tree: MergedTree, packages: PackageResult[]): Libc {
  let musl = false;
  let glibc = false;
  let fileVersion: string | null = null;
  for (const path of tree.nodes.keys()) {
    if (!path.includes("lib")) continue;
    // gcompat on Alpine adds an ld-linux name; the musl loader decides first, so it is checked on its own.
    if (MUSL_LOADER.test(path) && tree.resolve(path)) musl = true;
    else if (GLIBC_FILE.test(path) && tree.resolve(path)) glibc = true;
    const m = GLIBC_VERSIONED.exec(path);
    if (m && tree.resolve(path)) fileVersion = m[4];
  }
  if (musl) return { kind: "musl", version: packageVersion(packages, ["musl"]) };
  if (glibc || fileVersion)
    return {
      kind: "glibc",
      version: packageVersion(packages, ["libc6", "glibc", "libc-bin"]) ?? fileVersion,
    };
  return { kind: "none", version: null };
}

/** The upstream version: no epoch, no distribution revision ("2.36-9+deb12u4" → "2.36"). */
function packageVersion(packages: PackageResult[], names: string[]): string | null {
  for (const name of names) {
    const p = packages.find((x) => x.name === name);
    if (!p) continue;
    const noEpoch = p.version.replace(/^\d+:/, "");
    const dash = noEpoch.lastIndexOf("-");
    return dash > 0 ? noEpoch.slice(0, dash) : noEpoch;
  }
  return null;
}
