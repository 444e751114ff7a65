import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import type { PackageDbScan } from "../analysis/types";
import { parsePackageDb } from "./parse-db";

const STATUS = `Package: libc6
Status: install ok installed
Priority: optional
Installed-Size: 12988
Maintainer: GNU Libc Maintainers <debian-glibc@lists.debian.org>
Architecture: amd64
Multi-Arch: same
Source: glibc (2.36-9+deb12u4)
Version: 2.36-9+deb12u4
Description: GNU C Library: Shared libraries
 Contains the standard libraries that are used by nearly all programs on
 the system.
 .
 Continuation: lines that look like fields stay part of the description.

Package: libc6
Status: install ok installed
Installed-Size: 12000
Maintainer: GNU Libc Maintainers <debian-glibc@lists.debian.org>
Architecture: i386
Multi-Arch: same
Source: glibc (2.36-9+deb12u4)
Version: 2.36-9+deb12u4
Description: GNU C Library: Shared libraries (i386)

Package: old-tool
Status: deinstall ok config-files
Architecture: amd64
Version: 1.0-1
Conffiles:
 /etc/old-tool.conf 0123456789abcdef0123456789abcdef

Package: held
Status: hold ok installed
Installed-Size: 7
Architecture: all
Version: 1:3.2-1

Package: broken
Status: install reinstreq half-installed
Architecture: amd64
Version: 0.9

Package: going-away
Status: deinstall ok installed
Architecture: amd64
Version: 5
Installed-Size: 1

Package: bash
Essential: yes
Status: install ok installed
Installed-Size: 7175
Architecture: amd64
Version: 5.2.15-2+b2
`;

function lines(scan: PackageDbScan): string[] {
  if ("error" in scan) throw new Error(scan.error);
  return scan.packages.map((p) => `${p.name} ${p.version} ${p.arch} ${p.installedBytes ?? ""}`).sort();
}

/** What dpkg-query reports as installed for an admin dir: status "i" and not marked for removal. */
function dpkgQuery(adminDir: string): string[] {
  const out = execFileSync(
    "dpkg-query",
    [
      `--admindir=${adminDir}`,
      "-W",
      "-f=${db:Status-Abbrev}|${Package} ${Version} ${Architecture} ${Installed-Size}\\n",
    ],
    {
      encoding: "utf8",
      stdio: ["ignore", "pipe", "ignore"],
    },
  );
  return out
    .split("\n")
    .filter((l) => l[1] === "i" && l[0] !== "r" && l[0] !== "p")
    .map((l) => {
      const [name, version, arch, kib] = l.slice(l.indexOf("|") + 1).split(" ");
      return `${name} ${version} ${arch} ${kib === "" ? "" : Number(kib) * 1024}`;
    })
    .sort();
}

const dir = mkdtempSync(path.join(tmpdir(), "basescope-dpkg-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("dpkg status", () => {
  it("lists what dpkg-query lists for a status file we wrote", async () => {
    mkdirSync(path.join(dir, "info"), { recursive: true });
    writeFileSync(path.join(dir, "status"), STATUS);
    const scan = await parsePackageDb("var/lib/dpkg/status", path.join(dir, "status"));
    expect(scan).toMatchObject({ manager: "dpkg", format: "dpkg-status" });
    const expected = dpkgQuery(dir);
    expect(expected).toHaveLength(4);
    expect(lines(scan)).toEqual(expected);
  });

  it("keeps the source package name without its version", async () => {
    const scan = await parsePackageDb("var/lib/dpkg/status", path.join(dir, "status"));
    const libc = "packages" in scan ? scan.packages.find((p) => p.name === "libc6") : undefined;
    expect(libc?.source).toBe("glibc");
  });

  it.skipIf(!existsSync("/var/lib/dpkg/status"))(
    "agrees with dpkg-query on this machine's own database",
    async () => {
      const scan = await parsePackageDb("var/lib/dpkg/status", "/var/lib/dpkg/status");
      const expected = dpkgQuery("/var/lib/dpkg");
      expect(expected.length).toBeGreaterThan(50);
      expect(lines(scan)).toEqual(expected);
    },
  );

  it("counts status.d paragraphs, which carry no Status field", async () => {
    const file = path.join(dir, "libssl3");
    writeFileSync(
      file,
      "Package: libssl3\nVersion: 3.0.15-1~deb12u1\nArchitecture: amd64\nSource: openssl\nInstalled-Size: 6\n",
    );
    const scan = await parsePackageDb("var/lib/dpkg/status.d/libssl3", file);
    expect(scan).toEqual({
      manager: "dpkg",
      format: "dpkg-status.d",
      packages: [
        {
          name: "libssl3",
          version: "3.0.15-1~deb12u1",
          arch: "amd64",
          source: "openssl",
          installedBytes: 6144,
        },
      ],
    });
  });

  it("gives an error value for binary content and for an oversized file", async () => {
    const bin = path.join(dir, "bin");
    writeFileSync(bin, Buffer.from([0x50, 0, 1, 2]));
    expect(await parsePackageDb("var/lib/dpkg/status", bin)).toMatchObject({
      manager: "dpkg",
      error: expect.any(String),
    });
    expect(
      await parsePackageDb("var/lib/dpkg/status", path.join(dir, "status"), { maxBytes: 100 }),
    ).toMatchObject({
      error: expect.stringContaining("limit"),
    });
  });
});
