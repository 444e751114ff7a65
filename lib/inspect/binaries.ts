import type { MergedTree } from "../analysis/types";
import { isFile, isRegular } from "./read-file";

const SHELLS = ["bin/sh", "bin/bash", "usr/bin/bash", "bin/ash", "bin/busybox", "busybox/sh"];
const BIN_DIRS = ["usr/bin", "bin", "usr/sbin", "sbin", "usr/local/bin"];
// The front end a user would type, in order of preference when several exist (RHEL 8 links yum to dnf).
const MANAGERS: { binary: string; name: string }[] = [
  { binary: "apt-get", name: "apt" },
  { binary: "apk", name: "apk" },
  { binary: "dnf", name: "dnf" },
  { binary: "dnf5", name: "dnf" },
  { binary: "microdnf", name: "microdnf" },
  { binary: "yum", name: "yum" },
  { binary: "tdnf", name: "tdnf" },
  { binary: "zypper", name: "zypper" },
  { binary: "dpkg", name: "dpkg" },
  { binary: "rpm", name: "rpm" },
];

/**
 * The first shell found, reported as the file it resolves to ("/bin/sh" on Debian is "/usr/bin/dash"),
 * which says which shell it is. A dangling link is no shell.
 */
export function detectShell(tree: MergedTree): string | null {
  for (const candidate of SHELLS) {
    const node = tree.resolve(candidate);
    if (node && isRegular(node)) return `/${node.path}`;
  }
  return null;
}

export function detectPackageManager(tree: MergedTree): string | null {
  for (const m of MANAGERS) {
    if (BIN_DIRS.some((dir) => isFile(tree, `${dir}/${m.binary}`))) return m.name;
  }
  return null;
}
