import type { PackageManagerKind } from "../analysis/types";

// Control files dpkg (and distroless) keep next to a package's status paragraph in status.d/.
const STATUS_D_SIDE_FILES =
  /\.(md5sums|preinst|postinst|prerm|postrm|conffiles|shlibs|symbols|triggers|templates|config|list|control)$/;

const RPM_DIRS = ["var/lib/rpm", "usr/share/rpm", "usr/lib/sysimage/rpm"];
const RPM_FILES = ["Packages", "Packages.db", "rpmdb.sqlite"];

/** Which package manager owns the database at a normalised path (no leading "/"), if any. */
export function packageDbKind(path: string): { manager: PackageManagerKind } | null {
  if (path === "var/lib/dpkg/status") return { manager: "dpkg" };
  if (path.startsWith("var/lib/dpkg/status.d/")) {
    const name = path.slice("var/lib/dpkg/status.d/".length);
    if (name === "" || name.includes("/") || name.startsWith(".") || STATUS_D_SIDE_FILES.test(name))
      return null;
    return { manager: "dpkg" };
  }
  if (path === "lib/apk/db/installed") return { manager: "apk" };
  const slash = path.lastIndexOf("/");
  if (slash > 0 && RPM_DIRS.includes(path.slice(0, slash)) && RPM_FILES.includes(path.slice(slash + 1))) {
    return { manager: "rpm" };
  }
  return null;
}
