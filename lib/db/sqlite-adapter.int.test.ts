import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTestDb, type TestDb } from "../../scripts/test-support/test-db";

/**
 * Several processes write one SQLite file: the server, `npm run worker` processes, `npm run seed`. A
 * transaction that reads before it writes (an upsert does) must not fail because another process
 * committed in between, which is what Prisma's plain deferred BEGIN does (SQLITE_BUSY, reported as
 * "Operation has timed out"): CI saw it when two worker processes ran beside the test that queued their
 * runs. Checked in WAL, as the server sets the file, and in the rollback journal a fresh file starts in.
 */
const dir = mkdtempSync(path.join(os.tmpdir(), "bs-sqlite-adapter-"));
const file = path.join(dir, "adapter.db");
let db: TestDb;

beforeAll(async () => {
  Object.assign(process.env, { DATABASE_URL: `file:${file}` });
  db = await openTestDb();
});

afterAll(async () => {
  await db?.prisma.$disconnect();
  rmSync(dir, { recursive: true, force: true });
});

/**
 * Another process committing a small write transaction every millisecond, as this app does (immediate),
 * until killed. The pause lets others take the lock: SQLite's busy handler does not queue waiters.
 */
function busyNeighbour() {
  const script = `
    const Database = require("better-sqlite3");
    const db = new Database(${JSON.stringify(file)}, { timeout: 5000 });
    db.exec("CREATE TABLE IF NOT EXISTS neighbour (n INTEGER)");
    const insert = db.prepare("INSERT INTO neighbour (n) VALUES (?)");
    const read = db.prepare("SELECT count(*) FROM neighbour");
    const write = db.transaction((n) => { read.get(); insert.run(n); });
    console.log("ready");
    const pause = new Int32Array(new SharedArrayBuffer(4));
    for (let n = 0; ; n++) { write.immediate(n); Atomics.wait(pause, 0, 0, 1); }
  `;
  const child = spawn(process.execPath, ["-e", script], { stdio: ["ignore", "pipe", "inherit"] });
  const ready = new Promise<void>((resolve) => child.stdout.once("data", () => resolve()));
  return { child, ready };
}

describe.each(["delete", "wal"])("the SQLite driver adapter, journal mode %s", (mode) => {
  it("commits every read-then-write transaction while another process keeps writing", async () => {
    const setup = new Database(file);
    expect(setup.pragma(`journal_mode = ${mode}`, { simple: true })).toBe(mode);
    setup.close();
    const before = await db.prisma.run.count();
    const neighbour = busyNeighbour();
    await neighbour.ready;
    const outcomes: string[] = [];
    try {
      for (let round = 0; round < 60; round++) {
        const settled = await Promise.allSettled(
          Array.from({ length: 5 }, (_, i) =>
            db.enqueueRun({
              reference: `example.test/busy-${mode}/r${round}:${i}`,
              platform: "linux/amd64",
              source: "registry",
              family: "other",
              labels: [],
            }),
          ),
        );
        for (const s of settled) outcomes.push(s.status === "fulfilled" ? "ok" : String(s.reason));
      }
    } finally {
      neighbour.child.kill("SIGKILL");
    }
    expect(outcomes.filter((o) => o !== "ok")).toEqual([]);
    expect((await db.prisma.run.count()) - before).toBe(300);
  });
});
