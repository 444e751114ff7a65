import { describe, expect, it } from "vitest";
import { packageDbKind } from "./db-kind";

describe("packageDbKind", () => {
  it.each([
    ["var/lib/dpkg/status", "dpkg"],
    ["var/lib/dpkg/status.d/libc6", "dpkg"],
    ["var/lib/dpkg/status.d/python3.11", "dpkg"],
    ["lib/apk/db/installed", "apk"],
    ["var/lib/rpm/Packages", "rpm"],
    ["var/lib/rpm/rpmdb.sqlite", "rpm"],
    ["usr/lib/sysimage/rpm/Packages.db", "rpm"],
    ["usr/share/rpm/Packages", "rpm"],
  ])("%s belongs to %s", (path, manager) => {
    expect(packageDbKind(path)).toEqual({ manager });
  });

  it.each([
    "var/lib/dpkg/status.d/libc6.md5sums",
    "var/lib/dpkg/status.d/libc6.preinst",
    "var/lib/dpkg/status.d/libc6.conffiles",
    "var/lib/dpkg/status.d/",
    "var/lib/dpkg/status.d/sub/libc6",
    "var/lib/dpkg/status-old",
    "var/lib/dpkg/available",
    "/var/lib/dpkg/status",
    "lib/apk/db/installed.bak",
    "var/lib/rpm/Basenames",
    "var/lib/rpm/rpmdb.sqlite-wal",
    "opt/var/lib/rpm/Packages",
  ])("%s is not a package database", (path) => {
    expect(packageDbKind(path)).toBeNull();
  });
});
