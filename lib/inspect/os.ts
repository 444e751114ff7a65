import type { ContentFacts, MergedTree } from "../analysis/types";
import { parseKeyValue } from "./key-value";
import { readCaptured } from "./read-file";

type Os = ContentFacts["os"];

/** The distribution: os-release first, then the older per-distribution files. */
export function detectOs(tree: MergedTree, files: Map<string, Buffer>): Os {
  const read = (p: string) => readCaptured(tree, files, p);
  const debianVersion = read("etc/debian_version")?.trim();
  const osRelease = read("etc/os-release") ?? read("usr/lib/os-release");
  if (osRelease) {
    const kv = parseKeyValue(osRelease);
    const id = kv.get("ID") || null;
    let versionId = kv.get("VERSION_ID") || null;
    // Debian testing/sid leave VERSION_ID out; debian_version then holds the point release, if numeric.
    if (!versionId && id === "debian" && debianVersion && /^\d/.test(debianVersion))
      versionId = debianVersion;
    const prettyName = kv.get("PRETTY_NAME") || kv.get("NAME") || null;
    if (id || prettyName) return { id, versionId, prettyName };
  }
  const redhat = (read("etc/redhat-release") ?? read("etc/centos-release"))?.trim();
  if (redhat) return fromRedhatRelease(redhat);
  const alpine = read("etc/alpine-release")?.trim();
  if (alpine) return { id: "alpine", versionId: alpine, prettyName: `Alpine Linux v${alpine}` };
  const lsb = read("etc/lsb-release");
  if (lsb) {
    const kv = parseKeyValue(lsb);
    const id = kv.get("DISTRIB_ID")?.toLowerCase() || null;
    if (id)
      return {
        id,
        versionId: kv.get("DISTRIB_RELEASE") || null,
        prettyName: kv.get("DISTRIB_DESCRIPTION") || null,
      };
  }
  if (debianVersion) {
    return {
      id: "debian",
      versionId: /^\d/.test(debianVersion) ? debianVersion : null,
      prettyName: `Debian ${debianVersion}`,
    };
  }
  return { id: null, versionId: null, prettyName: null };
}

// "CentOS Linux release 7.9.2009 (Core)", "Red Hat Enterprise Linux Server release 7.9 (Maipo)".
function fromRedhatRelease(line: string): Os {
  const firstLine = line.split("\n")[0];
  const version = /release\s+(\S+)/.exec(firstLine)?.[1] ?? null;
  const lower = firstLine.toLowerCase();
  const id = lower.startsWith("red hat")
    ? "rhel"
    : lower.startsWith("centos")
      ? "centos"
      : (lower.split(/\s+/)[0] ?? null);
  return { id, versionId: version, prettyName: firstLine };
}
