import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, statfsSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureFixtures } from "../../scripts/fixtures";
import { openTestDb, type TestDb } from "../../scripts/test-support/test-db";

/**
 * The database's disk fills up while a run is saving. The database lives on a small tmpfs of the test's own
 * (mounting needs root, which the suite has); a filler file takes the free space at the moment the analysis
 * ends, so the worker's claim went through and only the saving meets a full disk.
 *
 * Run in both journal modes, one test file each: WAL is what the server sets on its database
 * (scripts/start.mjs); the rollback journal is what a fresh file starts in.
 */
export function diskFullSuite(journalMode: "delete" | "wal") {
  const dir = mkdtempSync(path.join(os.tmpdir(), "bs-jobs-disk-"));
  const mnt = path.join(dir, "db");
  const filler = path.join(mnt, "filler");
  let mounted = false;

  let db: TestDb;
  let worker: { stop(): Promise<void> } | undefined;
  let reference: string;
  const logs: string[] = [];
  /** Bytes to leave free when the next analysis ends (once); undefined: do not fill. */
  let leaveFree: number | undefined;

  function fill(free: number): void {
    const { bavail, bsize } = statfsSync(mnt);
    writeFileSync(filler, Buffer.alloc(Math.max(0, bavail * bsize - free)));
  }

  function emptyDisk(): void {
    leaveFree = undefined;
    rmSync(filler, { force: true });
  }

  async function finished(runId: string, ms = 20_000) {
    for (const deadline = Date.now() + ms; Date.now() < deadline;) {
      const run = await db.getRun(runId);
      if (run && ["succeeded", "failed", "cancelled"].includes(run.status)) return run;
      await new Promise((r) => setTimeout(r, 50));
    }
    const run = await db.getRun(runId);
    throw new Error(`run ${runId} did not finish: ${run?.status} ${run?.errorKind} ${logs.join("\n")}`);
  }

  beforeAll(async () => {
    reference = (await ensureFixtures(["apk"])).images.apk;
    mkdirSync(mnt);
    // A WAL file grows with every commit until a checkpoint at about 4 MiB starts it over: room for that.
    execFileSync("mount", [
      "-t",
      "tmpfs",
      "-o",
      journalMode === "wal" ? "size=16m" : "size=4m",
      "tmpfs",
      mnt,
    ]);
    mounted = true;
    Object.assign(process.env, { DATABASE_URL: `file:${path.join(mnt, "runs.db")}`, DOCKER_CONFIG: dir });
    db = await openTestDb();
    const setup = new Database(path.join(mnt, "runs.db"));
    expect(setup.pragma(`journal_mode = ${journalMode}`, { simple: true })).toBe(journalMode);
    setup.close();
    const { startWorker } = await import("./worker");
    const { analyzeImage } = await import("../analysis/analyze");
    const { dbLayerCache } = await import("../db/layer-cache");
    worker = startWorker({
      analyze: (input, o) =>
        analyzeImage(input, {
          signal: o.signal,
          cache: dbLayerCache,
          onProgress: (p) => {
            if (p.phase === "analyzing" && leaveFree !== undefined) {
              fill(leaveFree);
              leaveFree = undefined;
            }
            o.onProgress(p);
          },
        }),
      concurrency: 1,
      pollMs: 50,
      heartbeatMs: 100,
      retryBaseMs: 100,
      staleAfterMs: 1_500,
      log: (m) => logs.push(m),
    });
  });

  afterAll(async () => {
    // A process whose database writes are wedged would never finish its run: do not wait for it forever.
    await Promise.race([worker?.stop(), new Promise((r) => setTimeout(r, 5_000))]);
    await db?.prisma.$disconnect();
    if (mounted) execFileSync("umount", ["-l", mnt]);
    rmSync(dir, { recursive: true, force: true });
  });

  const queue = () =>
    db.enqueueRun({ reference, platform: "linux/amd64", source: "registry", family: "other", labels: [] });

  describe(`a full disk under the database (journal mode ${journalMode})`, { timeout: 30_000 }, () => {
    let good: Awaited<ReturnType<TestDb["listImages"]>>;

    it("stores a first result while there is room", async () => {
      const run = await finished((await queue()).runId);
      expect(run.status).toBe("succeeded");
      good = await db.listImages();
      expect(good).toHaveLength(1);
    });

    // With a WAL every commit, however small, needs new room until the next checkpoint, so "room for the
    // status writes but not for the result" has no fixed size there: this case is checked in the rollback
    // journal only. The worker's handling is the same in both modes.
    it.skipIf(journalMode === "wal")(
      "fails a run that cannot be saved, says the disk is full, and keeps the earlier result",
      async () => {
        // Room for the small status writes, not for the result.
        leaveFree = 24 << 10;
        const { runId } = await queue();
        const run = await finished(runId);
        emptyDisk();
        expect(run).toMatchObject({ status: "failed", attempts: 3, errorKind: "StorageFull" });
        expect(run.errorMessage).toBe(
          "The disk holding the database is full, so this run's result could not be saved; earlier results are untouched.",
        );
        expect(await db.prisma.layer.count({ where: { runId } })).toBe(0);
        expect(await db.prisma.package.count({ where: { runId } })).toBe(0);
        expect(await db.listImages()).toEqual(good);
      },
    );

    it("takes a run up again once space is freed, even when not even its failure could be written", async () => {
      leaveFree = 0;
      const { runId } = await queue();
      const stuck = await waitForLog(`run ${runId}: `);
      expect(stuck).toContain("The disk holding the database is full");
      expect((await db.getRun(runId))?.status).toBe("running");
      emptyDisk();
      // The heartbeat stopped, so the worker's stale-run recovery queues it again; the process must not have
      // been left unable to write.
      const run = await finished(runId);
      expect(run).toMatchObject({ status: "succeeded", attempts: 2 });
      expect(logs).toContain("recovered 1 interrupted run(s)");
      const [latest] = await db.listImages();
      expect(latest.runId).toBe(runId);
      expect(latest.filesystemBytes).toBe(good[0].filesystemBytes);
    });
  });

  async function waitForLog(prefix: string): Promise<string> {
    for (const deadline = Date.now() + 15_000; Date.now() < deadline;) {
      const line = logs.find((l) => l.startsWith(prefix));
      if (line) return line;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error(`no log line starting with "${prefix}":\n${logs.join("\n")}`);
  }
}
