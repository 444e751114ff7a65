import { env } from "../config/env";
import { runAnalysis } from "./run-analysis";
import { startWorker } from "./worker";

// `npm run worker`: the job loop as its own process, for deployments that run several.
const config = env();
const worker = startWorker({
  analyze: runAnalysis,
  concurrency: config.WORKER_CONCURRENCY || 1,
  staleAfterMs: config.WORKER_STALE_AFTER_MS,
  log: (m) => console.log(`[worker] ${m}`),
});
console.log(`[worker] ${worker.id} started, concurrency ${config.WORKER_CONCURRENCY || 1}`);
for (const sig of ["SIGINT", "SIGTERM"] as const) {
  process.on(sig, () => {
    console.log("[worker] stopping after the runs in progress");
    void worker.stop().then(() => process.exit(0));
  });
}
