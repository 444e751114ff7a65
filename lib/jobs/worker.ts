import "server-only";
import { randomUUID } from "node:crypto";
import os from "node:os";
import type { AnalysisResult, Progress, SourceKind } from "../analysis/types";
import { BasescopeError, toBasescopeError } from "../errors";
import { claimNextRun, completeRun, finishRunUnsuccessfully, recoverStaleRuns, touchRun } from "../db/runs";
import { commitFailureBehind } from "../db/sqlite-adapter";

export type AnalyzeFn = (
  input: { reference: string; platform: string; source: SourceKind },
  opts: { signal: AbortSignal; onProgress: (p: Progress) => void },
) => Promise<AnalysisResult>;

export type WorkerOptions = {
  analyze: AnalyzeFn;
  concurrency: number;
  pollMs?: number;
  heartbeatMs?: number;
  /** A run whose heartbeat is older than this is taken to have lost its worker. */
  staleAfterMs?: number;
  /** First backoff step for transient failures without a Retry-After (default 5 s; tests shorten it). */
  retryBaseMs?: number;
  log?: (msg: string) => void;
};

export type Worker = { id: string; stop(): Promise<void> };

/** Backoff for transient failures: Retry-After when the registry gave one, else 5 s, 20 s, 80 s... */
export function retryDelayMs(attempt: number, retryAfterSeconds?: number, baseMs = 5_000): number {
  if (retryAfterSeconds !== undefined) return Math.min(retryAfterSeconds, 3600) * 1000;
  return Math.min(baseMs * 4 ** Math.max(0, attempt - 1), 15 * 60_000);
}

/**
 * SQLite refusing a write for lack of room (SQLITE_FULL) surfaces as a driver error; say it in words an
 * operator can act on. Worth retrying: space may be freed before the next attempt.
 */
function diskFull(e: unknown): BasescopeError | undefined {
  for (const start of [e, commitFailureBehind(e)]) {
    for (let cur = start, depth = 0; cur instanceof Error && depth < 5; cur = cur.cause, depth++) {
      if (/SQLITE_FULL|database or disk is full/.test(cur.message)) {
        return new BasescopeError(
          "StorageFull",
          "The disk holding the database is full, so this run's result could not be saved; earlier results are untouched.",
          { cause: e, transient: true },
        );
      }
    }
  }
  return undefined;
}

export function startWorker(opts: WorkerOptions): Worker {
  const id = `${os.hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  const pollMs = opts.pollMs ?? 1000;
  const staleAfterMs = opts.staleAfterMs ?? 30_000;
  const heartbeatMs = opts.heartbeatMs ?? Math.min(2000, staleAfterMs / 3);
  const log = opts.log ?? (() => {});
  const active = new Map<string, Promise<void>>();
  let stopping = false;
  let lastRecovery = 0;

  async function runOne(run: NonNullable<Awaited<ReturnType<typeof claimNextRun>>>) {
    const controller = new AbortController();
    let latest: Progress | undefined;
    let cancelled = false;
    const beat = async () => {
      const { cancelRequested } = await touchRun(run.id, id, latest);
      if (cancelRequested && !cancelled) {
        cancelled = true;
        controller.abort(new Error("cancelled"));
      }
    };
    const timer = setInterval(() => void beat().catch((e) => log(`heartbeat failed: ${e}`)), heartbeatMs);
    try {
      const result = await opts.analyze(
        { reference: run.image.reference, platform: run.image.platform, source: run.source as SourceKind },
        { signal: controller.signal, onProgress: (p) => (latest = p) },
      );
      clearInterval(timer);
      if (cancelled) throw new Error("cancelled");
      await touchRun(run.id, id, { phase: "saving", fraction: 0.99 });
      const stored = await completeRun(run.id, id, result);
      log(
        stored
          ? `run ${run.id} succeeded`
          : `run ${run.id} was taken over by another worker; result not stored`,
      );
    } catch (e) {
      clearInterval(timer);
      if (cancelled) {
        await finishRunUnsuccessfully(run.id, id, {
          status: "cancelled",
          errorKind: "Cancelled",
          errorMessage: "Cancelled while running.",
        });
        return;
      }
      const err = diskFull(e) ?? toBasescopeError(e);
      const canRetry = err.transient && run.attempts < run.maxAttempts;
      log(`run ${run.id} ${canRetry ? "will retry" : "failed"}: ${err.kind}: ${err.message}`);
      await finishRunUnsuccessfully(
        run.id,
        id,
        canRetry
          ? {
              status: "queued",
              runAfter: new Date(
                Date.now() + retryDelayMs(run.attempts, err.retryAfterSeconds, opts.retryBaseMs),
              ),
              errorKind: err.kind,
              errorMessage: err.message,
            }
          : { status: "failed", errorKind: err.kind, errorMessage: err.message },
      );
    }
  }

  async function tick() {
    if (Date.now() - lastRecovery > staleAfterMs / 2) {
      lastRecovery = Date.now();
      const n = await recoverStaleRuns(staleAfterMs);
      if (n) log(`recovered ${n} interrupted run(s)`);
    }
    while (!stopping && active.size < opts.concurrency) {
      const run = await claimNextRun(id);
      if (!run) break;
      const p = runOne(run)
        .catch((e) => log(`run ${run.id}: ${diskFull(e)?.message ?? e}`))
        .finally(() => active.delete(run.id));
      active.set(run.id, p);
    }
  }

  let timer: NodeJS.Timeout | undefined;
  const loop = async () => {
    try {
      await tick();
    } catch (e) {
      log(`worker tick failed: ${e}`);
    }
    if (!stopping) timer = setTimeout(loop, pollMs);
  };
  void loop();

  return {
    id,
    async stop() {
      stopping = true;
      if (timer) clearTimeout(timer);
      await Promise.allSettled(active.values());
    },
  };
}
