import { describe, expect, it } from "vitest";
import type { ImageConfig, PackageResult } from "../analysis/types";
import { isCapturedFile } from "./captured";
import { inspectContents } from "./inspect-contents";
import { parseKeyValue } from "./key-value";
import { tree } from "./test-tree";

const files = (m: Record<string, string>) => new Map(Object.entries(m).map(([k, v]) => [k, Buffer.from(v)]));
const pkg = (name: string, version: string): PackageResult => ({
  name,
  version,
  manager: "dpkg",
  layerIndex: 0,
});

// A usr-merged Debian 12 shape: bin, lib, lib64 are links into usr/.
const DEBIAN = tree({
  bin: { link: "usr/bin" },
  lib: { link: "usr/lib" },
  lib64: { link: "usr/lib64" },
  "usr/bin/dash": { size: 125_560 },
  "usr/bin/sh": { link: "dash" },
  "usr/bin/bash": { size: 1_265_648 },
  "usr/bin/apt-get": {},
  "usr/bin/dpkg": {},
  "usr/bin/su": { mode: 0o4755 },
  "usr/bin/chage": { mode: 0o2755 },
  "usr/bin/ls": { mode: 0o755 },
  "usr/lib/x86_64-linux-gnu/libc.so.6": {},
  "usr/lib64/ld-linux-x86-64.so.2": { link: "/lib/x86_64-linux-gnu/ld-linux-x86-64.so.2" },
  "usr/lib/x86_64-linux-gnu/ld-linux-x86-64.so.2": {},
  "etc/os-release": { link: "../usr/lib/os-release" },
  "usr/lib/os-release": {},
  "etc/debian_version": {},
});
const DEBIAN_FILES = files({
  "usr/lib/os-release":
    'PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"\nNAME="Debian GNU/Linux"\nVERSION_ID="12"\nVERSION="12 (bookworm)"\nID=debian\n',
  "etc/debian_version": "12.7\n",
});

describe("inspectContents", () => {
  it("reads a usr-merged Debian image through its symlinks", () => {
    const config: ImageConfig = { config: { Cmd: ["bash"], Env: ["PATH=/usr/bin"] } };
    const facts = inspectContents(DEBIAN, DEBIAN_FILES, config, [
      pkg("libc6", "2.36-9+deb12u7"),
      pkg("bash", "5.2.15-2+b2"),
    ]);
    expect(facts).toEqual({
      os: { id: "debian", versionId: "12", prettyName: "Debian GNU/Linux 12 (bookworm)" },
      libc: { kind: "glibc", version: "2.36" },
      shell: "/usr/bin/dash",
      packageManager: "apt",
      java: null,
      user: "",
      entrypoint: null,
      cmd: ["bash"],
      exposedPorts: [],
      setuidCount: 2,
    });
  });

  it("recognises Alpine: musl loader, busybox shell, apk, alpine-release fallback", () => {
    const t = tree({
      "lib/ld-musl-x86_64.so.1": {},
      "lib/libc.musl-x86_64.so.1": { link: "ld-musl-x86_64.so.1" },
      // gcompat's glibc loader name must not turn this into a glibc image
      "lib/ld-linux-x86-64.so.2": { link: "/lib/libgcompat.so.0" },
      "lib/libgcompat.so.0": {},
      "bin/busybox": { mode: 0o4755 },
      "bin/sh": { link: "/bin/busybox" },
      "sbin/apk": {},
      "etc/alpine-release": {},
    });
    const apk: PackageResult = { name: "musl", version: "1.2.5-r10", manager: "apk", layerIndex: 0 };
    const facts = inspectContents(
      t,
      files({ "etc/alpine-release": "3.22.1\n" }),
      { config: { User: "nobody", ExposedPorts: { "8080/tcp": {}, "443/tcp": {} } } },
      [apk],
    );
    expect(facts).toMatchObject({
      os: { id: "alpine", versionId: "3.22.1" },
      libc: { kind: "musl", version: "1.2.5" },
      shell: "/bin/busybox",
      packageManager: "apk",
      user: "nobody",
      exposedPorts: ["443/tcp", "8080/tcp"],
      setuidCount: 1,
    });
  });

  it("says none for a static image and takes the glibc version from libc-2.17.so when no package names it", () => {
    const scratch = inspectContents(tree({ app: {}, "bin/sh": { link: "/missing" } }), new Map(), {}, []);
    expect(scratch).toMatchObject({
      libc: { kind: "none", version: null },
      shell: null,
      packageManager: null,
      os: { id: null },
    });
    const centos = inspectContents(
      tree({
        "lib64/libc-2.17.so": {},
        "lib64/libc.so.6": { link: "libc-2.17.so" },
        "usr/bin/yum": {},
        "usr/bin/rpm": {},
      }),
      files({ "etc/redhat-release": "CentOS Linux release 7.9.2009 (Core)\n" }),
      {},
      [],
    );
    expect(centos).toMatchObject({
      libc: { kind: "glibc", version: "2.17" },
      packageManager: "yum",
      os: { id: "centos", versionId: "7.9.2009", prettyName: "CentOS Linux release 7.9.2009 (Core)" },
    });
  });

  it("finds Temurin's Java from JAVA_HOME and sums the files under it", () => {
    const t = tree({
      "opt/java/openjdk/release": { size: 1000 },
      "opt/java/openjdk/bin/java": { size: 20_000 },
      "opt/java/openjdk/lib/modules": { size: 50_000_000 },
      "opt/java/openjdk/lib/libjli.so": { link: "../../x" },
      "usr/bin/java": { link: "/opt/java/openjdk/bin/java" },
    });
    const release = 'IMPLEMENTOR="Eclipse Adoptium"\nJAVA_VERSION="21.0.5"\nIMAGE_TYPE="JRE"\n';
    const facts = inspectContents(
      t,
      files({ "opt/java/openjdk/release": release }),
      { config: { Env: ["JAVA_HOME=/opt/java/openjdk/"] } },
      [],
    );
    expect(facts.java).toEqual({
      version: "21.0.5",
      vendor: "Eclipse Adoptium",
      imageType: "JRE",
      home: "/opt/java/openjdk",
      bytes: 50_021_000,
    });
  });

  it("follows usr/bin/java into a Debian JDK home and calls it a JDK when javac is there", () => {
    const t = tree({
      "usr/bin/java": { link: "/etc/alternatives/java" },
      "etc/alternatives/java": { link: "/usr/lib/jvm/java-17-openjdk-amd64/bin/java" },
      "usr/lib/jvm/java-17-openjdk-amd64/bin/java": { size: 10 },
      "usr/lib/jvm/java-17-openjdk-amd64/bin/javac": { size: 5 },
    });
    const facts = inspectContents(t, new Map(), { config: { Env: ["JAVA_VERSION=17.0.13"] } }, []);
    expect(facts.java).toEqual({
      version: "17.0.13",
      vendor: null,
      imageType: "JDK",
      home: "/usr/lib/jvm/java-17-openjdk-amd64",
      bytes: 15,
    });
  });

  it("falls back to any captured release file with JAVA_VERSION", () => {
    const t = tree({ "srv/jre/release": {}, "srv/jre/bin/java": { size: 7 } });
    const facts = inspectContents(t, files({ "srv/jre/release": 'JAVA_VERSION="1.8.0_432"\n' }), {}, []);
    expect(facts.java).toMatchObject({ version: "1.8.0_432", imageType: "JRE", home: "/srv/jre", bytes: 8 });
  });
});

describe("parseKeyValue", () => {
  it("handles quotes, escapes and comments as os-release(5) describes", () => {
    const kv = parseKeyValue(
      `# comment\nNAME="Some \\"quoted\\" \\$name"\nID='single'\nVERSION_ID=3.1\nBAD LINE\n`,
    );
    expect(Object.fromEntries(kv)).toEqual({ NAME: 'Some "quoted" $name', ID: "single", VERSION_ID: "3.1" });
  });
});

describe("isCapturedFile", () => {
  it.each([
    ["etc/os-release", true],
    ["usr/lib/os-release", true],
    ["etc/debian_version", true],
    ["opt/java/openjdk/release", true],
    ["usr/lib/jvm/java-17-openjdk-amd64/release", true],
    ["release", false],
    ["etc/passwd", false],
    ["usr/lib/jvm/java-17/release.txt", false],
  ])("%s → %s", (path, expected) => {
    expect(isCapturedFile(path)).toBe(expected);
  });
});
