import { ensureFixtures, IMAGE_NAMES } from "../../scripts/fixtures";
import { withSeededServer } from "./bench-server";
import { printTable, verdict } from "./stats";
import { logPath, readRuns, startWorkerProcess, stopAll, waitForRuns, workerLog } from "./two-workers";

const RUNS = 20;

/**
 * Twenty distinct references (every fixture by tag, then by digest, until there are twenty), queued through
 * the API before any worker runs, so the two workers race for every claim.
 */
async function references(): Promise<string[]> {
  const fx = await ensureFixtures([...IMAGE_NAMES]);
  const byTag = IMAGE_NAMES.map((n) => fx.images[n]);
  const byDigest = IMAGE_NAMES.map((n) => `${fx.registry}/${fx.records[n].repo}@${fx.records[n].digest}`);
  return [...byTag, ...byDigest].slice(0, RUNS);
}

export async function twoWorkers(registry: string): Promise<void> {
  const refs = await references();
  const env = { EMBEDDED_WORKER: "0", ALLOWED_REGISTRIES: registry };
  await withSeededServer({ images: 0, layers: 0, packages: 0 }, env, async ({ server, dbFile, dir }) => {
    for (const reference of refs) {
      const res = await fetch(`${server.url}/api/images`, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ reference }),
      });
      if (res.status !== 202) throw new Error(`POST ${reference}: ${res.status} ${await res.text()}`);
    }
    const queued = readRuns(dbFile).filter((r) => r.status === "queued").length;
    // The workers check the allow-list themselves too (a queued run is not trusted to have been checked).
    const workerEnv = {
      DATABASE_URL: `file:${dbFile}`,
      WORKER_CONCURRENCY: "2",
      ALLOWED_REGISTRIES: registry,
    };
    const logs = [logPath(dir, "worker-a"), logPath(dir, "worker-b")];
    const started = Date.now();
    const workers = logs.map((log) => startWorkerProcess(workerEnv, log));
    let runs;
    try {
      runs = await waitForRuns(dbFile, 240_000);
    } finally {
      await stopAll(workers);
    }
    const seconds = (Date.now() - started) / 1000;
    const [a, b] = logs.map(workerLog);
    const finishedInLogs = [...a.finished, ...b.finished];
    const ids = new Set(runs.map((r) => r.id));
    const once = [...ids].every((id) => finishedInLogs.filter((x) => x === id).length === 1);
    const byWorker = (w: string | null) => runs.filter((r) => r.lockedBy === w).length;
    const succeeded = runs.filter((r) => r.status === "succeeded");
    const allStored = succeeded.every((r) => r.packages === (r.packageCount ?? 0) && r.layers > 0);
    const failed = runs.filter((r) => r.status !== "succeeded");
    printTable(
      `two workers (WORKER_CONCURRENCY=2 each), ${queued} runs queued, all done in ${seconds.toFixed(0)} s`,
      [
        ["check", "value", ""],
        [
          "runs queued / runs in the database",
          `${queued} / ${runs.length}`,
          verdict(queued === RUNS && runs.length === RUNS),
        ],
        ["succeeded", succeeded.length, verdict(succeeded.length === RUNS)],
        [
          "attempts == 1 for every run",
          runs.filter((r) => r.attempts === 1).length,
          verdict(runs.every((r) => r.attempts === 1)),
        ],
        [
          "finished in exactly one worker's log",
          once ? "every run" : "NOT every run",
          verdict(once && finishedInLogs.length === RUNS),
        ],
        [`lockedBy worker A (${a.id})`, byWorker(a.id), ""],
        [`lockedBy worker B (${b.id})`, byWorker(b.id), verdict(byWorker(a.id) + byWorker(b.id) === RUNS)],
        ["layers and every package stored once", allStored ? "yes" : "no", verdict(allStored)],
      ],
    );
    for (const r of failed)
      console.log(`not succeeded: ${r.id} ${r.status} ${r.errorKind}: ${r.errorMessage}`);
  });
}
