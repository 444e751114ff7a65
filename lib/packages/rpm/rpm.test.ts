import { chmodSync, copyFileSync, existsSync, readFileSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { getPackagesNdb } from "@snyk/rpm-parser";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PackageDbScan } from "../../analysis/types";
import { parsePackageDb } from "../parse-db";
import { buildRpmRoot, hasRpmTools, headerBlobs, rpmQueryAll, writeBdb, writeNdb } from "./test-fixtures";

function lines(scan: PackageDbScan): string[] {
  if ("error" in scan) throw new Error(scan.error);
  return scan.packages.map((p) => `${p.name} ${p.version} ${p.arch} ${p.installedBytes}`).sort();
}

describe.skipIf(!hasRpmTools())("rpm databases written by rpm itself", () => {
  let dir: string;
  let sqliteFile: string;
  let expected: string[];

  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), "basescope-rpm-"));
    sqliteFile = buildRpmRoot(dir, [
      { name: "tiny-a", version: "1.0", release: "1", bytes: 100, license: "MIT" },
      { name: "tiny-b", version: "2.5", release: "3.el9", epoch: 4, bytes: 20_000, license: "GPLv2+" },
      { name: "tiny-c", version: "0.1", release: "7", arch: "x86_64", bytes: 70_000, license: "BSD" },
    ]);
    expected = rpmQueryAll(path.dirname(sqliteFile));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("reads rpmdb.sqlite as rpm -qa lists it", async () => {
    const scan = await parsePackageDb("var/lib/rpm/rpmdb.sqlite", sqliteFile);
    expect(expected).toHaveLength(3);
    expect(lines(scan)).toEqual(expected);
    expect(scan).toMatchObject({ manager: "rpm", format: "rpm-sqlite" });
    const b = "packages" in scan ? scan.packages.find((p) => p.name === "tiny-b") : undefined;
    expect(b).toMatchObject({ license: "GPLv2+", source: "tiny-b-2.5-3.el9.src.rpm" });
  });

  it("leaves no -wal/-shm files behind", async () => {
    const copy = path.join(dir, "copy.sqlite");
    rmSync(copy, { force: true });
    copyFileSync(sqliteFile, copy);
    await parsePackageDb("usr/lib/sysimage/rpm/rpmdb.sqlite", copy);
    expect(existsSync(`${copy}-wal`) || existsSync(`${copy}-shm`)).toBe(false);
  });

  it("reads a BerkeleyDB Packages file that rpm's bdb_ro backend agrees with", async () => {
    for (const pageSize of [512, 4096]) {
      const bdbDir = path.join(dir, `bdb-${pageSize}`);
      mkdirSync(bdbDir, { recursive: true });
      writeBdb(path.join(bdbDir, "Packages"), headerBlobs(sqliteFile), pageSize);
      expect(rpmQueryAll(bdbDir, "bdb_ro")).toEqual(expected);
      const scan = await parsePackageDb("var/lib/rpm/Packages", path.join(bdbDir, "Packages"));
      expect(scan).toMatchObject({ format: "rpm-bdb" });
      expect(lines(scan)).toEqual(expected);
    }
  });

  it("reads an NDB Packages.db holding the same headers", async () => {
    const file = path.join(dir, "Packages.db");
    writeNdb(file, headerBlobs(sqliteFile));
    const scan = await parsePackageDb("usr/lib/sysimage/rpm/Packages.db", file);
    expect(scan).toMatchObject({ format: "rpm-ndb" });
    expect(lines(scan)).toEqual(expected);
  });
});

// Real databases from public corpora, present only on development machines (never committed).
const FIXTURES = "/work/shared/fixtures/rpmdb";
describe.skipIf(!existsSync(FIXTURES) || !hasRpmTools())(
  "rpm databases from real images (development check)",
  () => {
    const cases = [
      {
        file: "cbl-mariner-2.0/rpmdb.sqlite",
        path: "var/lib/rpm/rpmdb.sqlite",
        backend: "sqlite",
        count: 129,
      },
      { file: "libuuid/Packages", path: "var/lib/rpm/Packages", backend: "bdb_ro", count: 1 },
      { file: "sle15-bci/Packages.db", path: "usr/lib/sysimage/rpm/Packages.db", backend: null, count: 35 },
    ];
    for (const c of cases) {
      it(`reads ${c.file}`, async () => {
        const scan = await parsePackageDb(c.path, path.join(FIXTURES, c.file));
        const got = lines(scan);
        expect(got).toHaveLength(c.count);
        // Debian's rpm has no ndb backend: the NDB file is checked against @snyk/rpm-parser instead.
        if (!c.backend) {
          const { response } = await getPackagesNdb(readFileSync(path.join(FIXTURES, c.file)));
          const theirs = response.map(
            (p) => `${p.name} ${p.epoch ? `${p.epoch}:` : ""}${p.version}-${p.release} ${p.arch} ${p.size}`,
          );
          expect(got).toEqual(theirs.sort());
        } else {
          const copy = mkdtempSync(path.join(tmpdir(), "basescope-rpmfx-"));
          const target = path.join(copy, path.basename(c.file));
          copyFileSync(path.join(FIXTURES, c.file), target);
          chmodSync(target, 0o644);
          expect(got).toEqual(rpmQueryAll(copy, c.backend));
          rmSync(copy, { recursive: true, force: true });
        }
      });
    }
  },
);
