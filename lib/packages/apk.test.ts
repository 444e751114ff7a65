import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { parsePackageDb } from "./parse-db";

// The shape apk writes: one paragraph per package, file lists (F/R/a/Z) after the package fields.
const INSTALLED = `C:Q1sZsRLBKuKIbjSsCxArOh8M8gDVA=
P:musl
V:1.2.5-r10
A:x86_64
S:408450
I:662528
T:the musl c library (libc) implementation
U:https://musl.libc.org/
L:MIT
o:musl
m:Natanael Copa <ncopa@alpinelinux.org>
t:1739364722
c:4ee8af1ce4c0a06d7a05e12bc6b74bb1d7ed3f18
p:so:libc.musl-x86_64.so.1=1
F:lib
R:ld-musl-x86_64.so.1
a:0:0:755
Z:Q1qGYhUKGKzIbAo5dcRM98OVAVUzs=
R:libc.musl-x86_64.so.1

P:busybox
V:1.37.0-r12
A:x86_64
S:514522
I:813056
L:GPL-2.0-only
o:busybox
D:so:libc.musl-x86_64.so.1
F:bin
R:busybox

P:ca-certificates-bundle
V:20241121-r1
A:x86_64
I:237568
L:MPL-2.0 AND MIT
o:ca-certificates
`;

const dir = mkdtempSync(path.join(tmpdir(), "basescope-apk-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("apk installed database", () => {
  it("reads name, version, arch, installed size, origin and license per paragraph", async () => {
    const file = path.join(dir, "installed");
    writeFileSync(file, INSTALLED);
    const scan = await parsePackageDb("lib/apk/db/installed", file);
    expect(scan).toEqual({
      manager: "apk",
      format: "apk-installed",
      packages: [
        {
          name: "musl",
          version: "1.2.5-r10",
          arch: "x86_64",
          installedBytes: 662528,
          source: "musl",
          license: "MIT",
        },
        {
          name: "busybox",
          version: "1.37.0-r12",
          arch: "x86_64",
          installedBytes: 813056,
          source: "busybox",
          license: "GPL-2.0-only",
        },
        {
          name: "ca-certificates-bundle",
          version: "20241121-r1",
          arch: "x86_64",
          installedBytes: 237568,
          source: "ca-certificates",
          license: "MPL-2.0 AND MIT",
        },
      ],
    });
  });

  it("counts one package per P line, whatever the blank lines and line endings", async () => {
    const file = path.join(dir, "crlf");
    writeFileSync(file, `\n\n${INSTALLED.replaceAll("\n", "\r\n")}\r\n\r\n\r\n`);
    const scan = await parsePackageDb("lib/apk/db/installed", file);
    const pLines = INSTALLED.split("\n").filter((l) => l.startsWith("P:")).length;
    expect("packages" in scan && scan.packages.length).toBe(pLines);
  });
});
