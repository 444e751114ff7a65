/**
 * 1. 50 concurrent readers (GET / and GET /api/images) for 30 s against the server with 1,000 images,
 *    while its embedded worker (WORKER_CONCURRENCY=4) analyses 4 fixture images from the loopback registry.
 * 2. Two worker processes on one database with 20 queued runs: every run done once, none lost.
 *   npx tsx bench/load.ts [seconds=30] [readers=50]
 * With LOAD_WORKER=separate the analyses run in a worker process of their own (EMBEDDED_WORKER=0 and
 * `npm run worker`), as a busy deployment should run them, so the readers measure the web server alone.
 */
import { readFileSync } from "node:fs";
import os from "node:os";
import { ensureFixtures } from "../scripts/fixtures";
import { withSeededServer } from "./support/bench-server";
import { startWorkerProcess, waitForRuns } from "./support/two-workers";
import { cpuMs, rssSummary, sampleRss } from "./support/proc";
import { runReaders } from "./support/readers";
import { mib, ms, percentile, printTable } from "./support/stats";
import { twoWorkers } from "./support/two-workers-phase";

const SECONDS = Number(process.argv[2] ?? 30);
const READERS = Number(process.argv[3] ?? 50);

async function post(base: string, reference: string): Promise<string> {
  const res = await fetch(`${base}/api/images`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ reference }),
  });
  const body = (await res.json()) as { runId?: string; error?: { message: string } };
  if (res.status !== 202 || !body.runId)
    throw new Error(`POST ${reference}: ${res.status} ${body.error?.message}`);
  return body.runId;
}

async function readersWhileAnalysing(refs: string[]) {
  const separate = process.env.LOAD_WORKER === "separate";
  const env = {
    EMBEDDED_WORKER: separate ? "0" : "1",
    WORKER_CONCURRENCY: "4",
    ALLOWED_REGISTRIES: "127.0.0.1:5731",
  };
  await withSeededServer(
    { images: 1000, layers: 5, packages: 200 },
    env,
    async ({ server, dbFile, logFile, dir }) => {
      const worker = separate
        ? startWorkerProcess({ ...env, DATABASE_URL: `file:${dbFile}` }, `${dir}/worker.log`)
        : undefined;
      const sampler = sampleRss(server.pid, 250);
      const cpu0 = cpuMs(server.pid);
      const started = Date.now();
      const runIds = await Promise.all(refs.map((r) => post(server.url, r)));
      const stats = await runReaders(server.url, ["/", "/api/images"], READERS, SECONDS * 1000);
      const readMs = Date.now() - started;
      const cores = (cpuMs(server.pid) - cpu0) / readMs;
      const runs = (await waitForRuns(dbFile, 180_000)).filter((r) => runIds.includes(r.id));
      worker?.kill("SIGTERM");
      const samples = sampler.stop();
      const errorCount = [...stats.errors.values()].reduce((n, e) => n + e.length, 0);
      if (errorCount)
        console.log(`--- server log, last lines ---\n${readFileSync(logFile, "utf8").slice(-3000)}`);
      const rss = rssSummary(samples);

      const rows: (string | number)[][] = [["endpoint", "ok", "errors", "p50", "p99", "max"]];
      for (const [path, lat] of stats.latencies) {
        const errors = stats.errors.get(path)!;
        rows.push([
          `GET ${path}`,
          lat.length,
          errors.length,
          ms(percentile(lat, 50)),
          ms(percentile(lat, 99)),
          ms(Math.max(...lat)),
        ]);
        if (errors.length) console.log(`errors on ${path}: ${errors.slice(0, 5).join("; ")}`);
      }
      printTable(
        `${READERS} readers for ${(readMs / 1000).toFixed(0)} s, ${stats.requests} requests (${(stats.requests / (readMs / 1000)).toFixed(1)}/s)`,
        rows,
      );
      const trace = samples
        .filter((_, i) => i % 12 === 0)
        .map((s) => `${(s.t / 1000).toFixed(0)}s:${(s.rss / 2 ** 20).toFixed(0)}`);
      printTable(separate ? "server (worker in its own process)" : "server (embedded worker included)", [
        ["measure", "value"],
        ["keep-alive resets, retried once", stats.keepAliveResets],
        [
          "CPU while readers ran",
          `server process used ${cores.toFixed(2)} of ${os.availableParallelism()} cores on average`,
        ],
        ["min / max", `${mib(rss.min)} / ${mib(rss.max)}`],
        ["first / last tenth", `${mib(rss.first)} / ${mib(rss.last)}`],
        ["every 3 s (MiB)", trace.join(" ")],
      ]);
      printTable("the 4 analyses queued at t=0", [
        ["reference", "status", "attempts", "packages stored", "done after"],
        ...runs.map((r) => {
          const i = runIds.indexOf(r.id);
          return [
            refs[i],
            r.status,
            r.attempts,
            `${r.packages}/${r.packageCount ?? "-"}`,
            r.finishedAt ? ms(Date.parse(r.finishedAt) - started) : "-",
          ];
        }),
      ]);
    },
  );
}

async function main() {
  const names = ["debian-minbase", "debian-slim", "java", "rpm"] as const;
  const fx = await ensureFixtures([...names]);
  await readersWhileAnalysing(names.map((n) => fx.images[n]));
  await twoWorkers(fx.registry);
}

await main();
