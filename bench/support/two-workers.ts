import { spawn, type ChildProcess } from "node:child_process";
import { createWriteStream, readFileSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { childEnv, REPO, stopProcess } from "./server";

export type RunRow = {
  id: string;
  status: string;
  attempts: number;
  lockedBy: string | null;
  packageCount: number | null;
  finishedAt: string | null;
  errorKind: string | null;
  errorMessage: string | null;
  packages: number;
  layers: number;
};

/** `npm run worker` without npm in between, so the pid we stop is the worker's own. */
export function startWorkerProcess(env: Record<string, string>, logFile: string): ChildProcess {
  const child = spawn(
    process.execPath,
    ["--conditions=react-server", "--import", "tsx", "lib/jobs/worker-main.ts"],
    {
      cwd: REPO,
      env: childEnv(env),
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  const log = createWriteStream(logFile);
  child.stdout!.pipe(log);
  child.stderr!.pipe(log);
  return child;
}

/** Every run with what was stored for it, straight from the database file. */
export function readRuns(dbFile: string): RunRow[] {
  const db = new Database(dbFile, { readonly: true, fileMustExist: true });
  try {
    return db
      .prepare(
        `SELECT r.id, r.status, r.attempts, r.lockedBy, r.packageCount, r.finishedAt, r.errorKind, r.errorMessage,
           (SELECT count(*) FROM Package p WHERE p.runId = r.id) AS packages,
           (SELECT count(*) FROM Layer l WHERE l.runId = r.id) AS layers
         FROM Run r`,
      )
      .all() as RunRow[];
  } finally {
    db.close();
  }
}

/** Polls until no run is queued or running, or the time is up. */
export async function waitForRuns(dbFile: string, timeoutMs: number): Promise<RunRow[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const runs = readRuns(dbFile);
    if (runs.every((r) => r.status !== "queued" && r.status !== "running") || Date.now() > deadline)
      return runs;
    await new Promise((r) => setTimeout(r, 500));
  }
}

/** From a worker's log: its id, and the runs it reported finished ("run <id> succeeded" / "failed"). */
export function workerLog(logFile: string): { id: string | null; finished: string[] } {
  const text = readFileSync(logFile, "utf8");
  return {
    id: /\[worker\] (\S+) started/.exec(text)?.[1] ?? null,
    finished: [...text.matchAll(/\[worker\] run (\S+) (?:succeeded|failed)/g)].map((m) => m[1]),
  };
}

export async function stopAll(children: ChildProcess[]): Promise<void> {
  await Promise.all(children.map((c) => stopProcess(c, 30_000)));
}

export const logPath = (dir: string, name: string) => path.join(dir, `${name}.log`);
