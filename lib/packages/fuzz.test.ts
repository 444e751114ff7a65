import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PackageDbScan } from "../analysis/types";
import { parsePackageDb } from "./parse-db";
import { buildRpmRoot, hasRpmTools, headerBlobs, writeBdb, writeNdb } from "./rpm/test-fixtures";

// A small deterministic PRNG, so a failing case can be replayed.
function prng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function isWellFormed(scan: PackageDbScan): boolean {
  if ("error" in scan) return typeof scan.error === "string" && scan.error.length > 0;
  return (
    Array.isArray(scan.packages) &&
    scan.packages.every((p) => typeof p.name === "string" && typeof p.version === "string")
  );
}

const dir = mkdtempSync(path.join(tmpdir(), "basescope-fuzz-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Feeds mutated, truncated and random variants of `base` to the parser; every answer must be a value. */
async function fuzz(dbPath: string, base: Buffer, rounds: number, seed: number) {
  const rand = prng(seed);
  const file = path.join(dir, `fuzz-${seed}`);
  const started = Date.now();
  let errors = 0;
  for (let i = 0; i < rounds; i++) {
    let bytes: Buffer;
    const mode = i % 3;
    if (mode === 0) {
      bytes = Buffer.from(base.subarray(0, Math.floor(rand() * base.length)));
    } else if (mode === 1) {
      bytes = Buffer.from(base);
      const flips = 1 + Math.floor(rand() * 16);
      for (let f = 0; f < flips; f++) bytes[Math.floor(rand() * bytes.length)] = Math.floor(rand() * 256);
    } else {
      // Random bytes behind the real magic, so the format readers (not the sniffer) see them.
      bytes = Buffer.alloc(Math.floor(rand() * 20_000));
      for (let k = 0; k < bytes.length; k++) bytes[k] = Math.floor(rand() * 256);
      base.copy(bytes, 0, 0, Math.min(32, bytes.length));
    }
    writeFileSync(file, bytes);
    const scan = await parsePackageDb(dbPath, file);
    expect(isWellFormed(scan), JSON.stringify(scan).slice(0, 200)).toBe(true);
    if ("error" in scan) errors++;
  }
  expect(errors).toBeGreaterThan(0);
  expect(Date.now() - started).toBeLessThan(20_000);
}

describe("parsers on hostile input", () => {
  it("dpkg and apk text", async () => {
    const status = Buffer.from(
      "Package: a\nStatus: install ok installed\nVersion: 1\nInstalled-Size: 4\n\n".repeat(50),
    );
    await fuzz("var/lib/dpkg/status", status, 150, 1);
    const apk = Buffer.from("P:a\nV:1-r0\nA:x86_64\nI:10\n\n".repeat(50));
    await fuzz("lib/apk/db/installed", apk, 150, 2);
  });

  describe.skipIf(!hasRpmTools())("rpm", () => {
    let blobs: Buffer[];
    let sqlite: Buffer;
    beforeAll(() => {
      const file = buildRpmRoot(path.join(dir, "rpm"), [
        { name: "fz-a", version: "1", release: "1", bytes: 10, license: "MIT" },
        { name: "fz-b", version: "2", release: "1", bytes: 10, license: "MIT" },
      ]);
      blobs = headerBlobs(file);
      sqlite = readFileSync(file);
    });

    it("sqlite", async () => fuzz("var/lib/rpm/rpmdb.sqlite", sqlite, 150, 3));

    it("NDB", async () => {
      writeNdb(path.join(dir, "ndb"), blobs);
      await fuzz("var/lib/rpm/Packages.db", readFileSync(path.join(dir, "ndb")), 400, 4);
    });

    it("BerkeleyDB, small pages for long overflow chains", async () => {
      writeBdb(path.join(dir, "bdb"), blobs, 512);
      await fuzz("var/lib/rpm/Packages", readFileSync(path.join(dir, "bdb")), 400, 5);
    });

    it("a BerkeleyDB overflow chain that loops back gives an error, not a hang", async () => {
      writeBdb(path.join(dir, "loop"), blobs, 512);
      const bytes = readFileSync(path.join(dir, "loop"));
      // Page 3 is the second overflow page of the first value: point it back at page 2.
      bytes.writeUInt32LE(2, 3 * 512 + 16);
      writeFileSync(path.join(dir, "loop"), bytes);
      expect(await parsePackageDb("var/lib/rpm/Packages", path.join(dir, "loop"))).toMatchObject({
        error: expect.stringMatching(/chain/),
      });
    });

    it("an NDB blob claiming 4 GiB gives an error without allocating it", async () => {
      writeNdb(path.join(dir, "huge"), blobs);
      const bytes = readFileSync(path.join(dir, "huge"));
      bytes.writeUInt32LE(0xffffffff, 4096 + 12);
      bytes.writeUInt32LE(0xffffffff, 32 + 12);
      writeFileSync(path.join(dir, "huge"), bytes);
      expect(await parsePackageDb("var/lib/rpm/Packages.db", path.join(dir, "huge"))).toMatchObject({
        error: expect.any(String),
      });
    });
  });

  it("an rpm path holding something else is reported as an unknown format", async () => {
    writeFileSync(path.join(dir, "text"), "hello");
    expect(await parsePackageDb("var/lib/rpm/Packages", path.join(dir, "text"))).toEqual({
      manager: "rpm",
      format: "unknown",
      error: expect.any(String),
    });
  });
});
