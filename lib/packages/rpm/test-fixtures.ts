/**
 * Test-only helpers: real rpm databases made by Debian's rpm/rpmbuild, and NDB / BerkeleyDB containers
 * written around the real header blobs (rpm 4.18 here can no longer write either format).
 */
import Database from "better-sqlite3";
import { execFileSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";

export type TinyPackage = {
  name: string;
  version: string;
  release: string;
  epoch?: number;
  arch?: string;
  bytes: number;
  license: string;
};

export function hasRpmTools(): boolean {
  try {
    execFileSync("rpmbuild", ["--version"], { stdio: "ignore" });
    execFileSync("rpm", ["--version"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}

/** Builds the packages with rpmbuild and installs them into <dir>/root; returns the rpmdb.sqlite path. */
export function buildRpmRoot(dir: string, packages: TinyPackage[]): string {
  const top = path.join(dir, "rpmbuild");
  mkdirSync(path.join(top, "SPECS"), { recursive: true });
  const rpms: string[] = [];
  for (const p of packages) {
    const spec = path.join(top, "SPECS", `${p.name}.spec`);
    writeFileSync(spec, specText(p));
    execFileSync("rpmbuild", ["--quiet", "--define", `_topdir ${top}`, "-bb", spec], { stdio: "ignore" });
    const arch = p.arch ?? "noarch";
    // rpmbuild leaves the epoch out of file names.
    rpms.push(path.join(top, "RPMS", arch, `${p.name}-${p.version}-${p.release}.${arch}.rpm`));
  }
  const root = path.join(dir, "root");
  execFileSync("rpm", ["--root", root, "--dbpath", "/var/lib/rpm", "--initdb"]);
  execFileSync(
    "rpm",
    [
      "--root",
      root,
      "--dbpath",
      "/var/lib/rpm",
      "-i",
      "--nodeps",
      "--nosignature",
      "--ignorearch",
      "--noscripts",
      ...rpms,
    ],
    {
      stdio: "ignore",
    },
  );
  return path.join(root, "var/lib/rpm/rpmdb.sqlite");
}

function specText(p: TinyPackage): string {
  return [
    `Name: ${p.name}`,
    `Version: ${p.version}`,
    `Release: ${p.release}`,
    p.epoch !== undefined ? `Epoch: ${p.epoch}` : "",
    "Summary: basescope test package",
    `License: ${p.license}`,
    p.arch ? `BuildArch: ${p.arch}` : "BuildArch: noarch",
    "%description",
    "A package built by the basescope tests.",
    "%install",
    `mkdir -p %{buildroot}/usr/share/${p.name}`,
    `head -c ${p.bytes} /dev/zero > %{buildroot}/usr/share/${p.name}/data`,
    "%files",
    `/usr/share/${p.name}/data`,
    "",
  ].join("\n");
}

const QUERY_FORMAT = "%{NAME} %|EPOCH?{%{EPOCH}:}:{}|%{VERSION}-%{RELEASE} %{ARCH} %{LONGSIZE}\\n";

/** What rpm itself lists for a database directory, one "name version arch size" line each, sorted. */
export function rpmQueryAll(dbDir: string, backend = "sqlite"): string[] {
  const out = execFileSync(
    "rpm",
    ["--define", `_db_backend ${backend}`, "--dbpath", dbDir, "-qa", "--qf", QUERY_FORMAT],
    {
      encoding: "utf8",
      stdio: ["ignore", "pipe", "ignore"],
    },
  );
  return out.split("\n").filter(Boolean).sort();
}

export function headerBlobs(sqliteFile: string): Buffer[] {
  const db = new Database(sqliteFile, { readonly: true });
  try {
    return (db.prepare("SELECT blob FROM Packages ORDER BY hnum").raw(true).all() as [Buffer][]).map(
      ([b]) => b,
    );
  } finally {
    db.close();
  }
}

/** An NDB Packages.db (rpm lib/backend/ndb/rpmpkg.c layout) holding the blobs. */
export function writeNdb(file: string, blobs: Buffer[]): void {
  const slotPage = Buffer.alloc(4096);
  slotPage.write("RpmP", 0, "latin1");
  slotPage.writeUInt32LE(0, 4);
  slotPage.writeUInt32LE(1, 8);
  slotPage.writeUInt32LE(1, 12);
  for (let at = 32; at < 4096; at += 16) slotPage.write("Slot", at, "latin1");
  const parts: Buffer[] = [slotPage];
  let block = 4096 / 16;
  blobs.forEach((blob, i) => {
    const blkCount = Math.ceil((16 + blob.length + 12) / 16);
    const at = 32 + i * 16;
    slotPage.writeUInt32LE(i + 1, at + 4);
    slotPage.writeUInt32LE(block, at + 8);
    slotPage.writeUInt32LE(blkCount, at + 12);
    const area = Buffer.alloc(blkCount * 16);
    area.write("BlbS", 0, "latin1");
    area.writeUInt32LE(i + 1, 4);
    area.writeUInt32LE(blob.length, 12);
    blob.copy(area, 16);
    area.write("BlbE", area.length - 4, "latin1");
    parts.push(area);
    block += blkCount;
  });
  writeFileSync(file, Buffer.concat(parts));
}

/**
 * A BerkeleyDB hash Packages file with one bucket: page 1 holds key/value items, each value an
 * off-page item pointing at a chain of overflow pages, as rpm < 4.16 wrote it.
 */
export function writeBdb(file: string, blobs: Buffer[], pageSize = 4096): void {
  const pages: Buffer[] = [Buffer.alloc(pageSize), Buffer.alloc(pageSize)];
  const bucket = pages[1];
  const items: Buffer[] = [];
  const key = (n: number) => Buffer.concat([Buffer.from([1]), u32(n)]);
  items.push(key(0), Buffer.concat([Buffer.from([1]), u32(blobs.length)]));
  for (const [i, blob] of blobs.entries()) {
    const first = pages.length;
    const room = pageSize - 26;
    for (let off = 0; off < blob.length; off += room) {
      const page = Buffer.alloc(pageSize);
      const len = Math.min(room, blob.length - off);
      const pgno = pages.length;
      pageHeader(page, pgno, off === 0 ? 0 : pgno - 1, off + len < blob.length ? pgno + 1 : 0, 1, len, 7);
      blob.copy(page, 26, off, off + len);
      pages.push(page);
    }
    const value = Buffer.alloc(12);
    value[0] = 3;
    value.writeUInt32LE(first, 4);
    value.writeUInt32LE(blob.length, 8);
    items.push(key(i + 1), value);
  }
  let top = pageSize;
  items.forEach((item, i) => {
    top -= item.length;
    item.copy(bucket, top);
    bucket.writeUInt16LE(top, 26 + i * 2);
  });
  pageHeader(bucket, 1, 0, 0, items.length, top, 13);
  const meta = pages[0];
  meta.writeUInt32LE(0x00061561, 12);
  meta.writeUInt32LE(9, 16);
  meta.writeUInt32LE(pageSize, 20);
  meta[25] = 8;
  meta.writeUInt32LE(pages.length - 1, 32);
  meta.writeUInt32LE(blobs.length + 1, 44);
  // max_bucket 0, high_mask 0, low_mask 0, ffactor, nelem, h_charkey, spares[0] = 1 (bucket 0 is page 1)
  meta.writeUInt32LE(blobs.length + 1, 88);
  meta.writeUInt32LE(1, 96);
  writeFileSync(file, Buffer.concat(pages));
}

function pageHeader(
  page: Buffer,
  pgno: number,
  prev: number,
  next: number,
  entries: number,
  hf: number,
  type: number,
) {
  page.writeUInt32LE(pgno, 8);
  page.writeUInt32LE(prev, 12);
  page.writeUInt32LE(next, 16);
  page.writeUInt16LE(entries, 20);
  page.writeUInt16LE(hf, 22);
  page[25] = type;
}

function u32(n: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeUInt32LE(n);
  return b;
}
