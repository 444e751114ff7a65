import "server-only";
import { env } from "../config/env";
import { runAnalysis } from "./run-analysis";
import { startWorker, type Worker } from "./worker";

const g = globalThis as unknown as { basescopeWorker?: Worker };

/** The worker inside the web server (the default); `npm run worker` runs the same loop on its own. */
export function startEmbeddedWorker(): void {
  const config = env();
  if (config.EMBEDDED_WORKER === "0" || config.WORKER_CONCURRENCY === 0 || g.basescopeWorker) return;
  g.basescopeWorker = startWorker({
    analyze: runAnalysis,
    concurrency: config.WORKER_CONCURRENCY,
    staleAfterMs: config.WORKER_STALE_AFTER_MS,
    log: (m) => console.log(`[worker] ${m}`),
  });
}
