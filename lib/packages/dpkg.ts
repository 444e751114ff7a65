import type { PackageRecord } from "../analysis/types";
import { parseDeb822 } from "./deb822";

/**
 * Installed packages from a dpkg status file. `status.d` paragraphs (distroless) carry no Status field
 * and all count; in the main status file only installed ones ("install ok installed", "hold ok installed").
 */
export function parseDpkgStatus(text: string, opts: { statusD: boolean }): PackageRecord[] {
  const out: PackageRecord[] = [];
  for (const p of parseDeb822(text)) {
    const name = p.get("package");
    const version = p.get("version");
    if (!name || !version) continue;
    const status = p.get("status");
    if (status !== undefined ? !isInstalled(status) : !opts.statusD) continue;
    const record: PackageRecord = { name, version };
    const arch = p.get("architecture");
    if (arch) record.arch = arch;
    const kib = Number(p.get("installed-size"));
    if (p.has("installed-size") && Number.isFinite(kib) && kib >= 0) record.installedBytes = kib * 1024;
    const source = p.get("source");
    // "Source: glibc (2.36-9)" names the source package and its version when they differ from the binary.
    if (source) record.source = source.replace(/\s*\(.*\)\s*$/, "");
    out.push(record);
  }
  return out;
}

function isInstalled(status: string): boolean {
  // "want ok state": the files are on disk when state is "installed"; a package marked for removal
  // (deinstall/purge) is left out, as the package scanners this figure is compared with do.
  const [want, , state] = status.split(/\s+/);
  return state === "installed" && want !== "deinstall" && want !== "purge";
}
