import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, openSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { ensureFixtures } from "../../scripts/fixtures";
import { openTestDb, type TestDb } from "../../scripts/test-support/test-db";

/**
 * A Docker engine that dies in the middle of an export. The engine is a second dockerd of this test's own
 * (own socket and data dir): the shared one under /tmp/basescope-services is never touched.
 */
const dir = mkdtempSync(path.join(os.tmpdir(), "bs-jobs-engine-"));
const socket = path.join(dir, "docker.sock");
const dockerHost = `unix://${socket}`;
let engine: ChildProcess | undefined;
let containerd: number | undefined;

let db: TestDb;
let worker: { stop(): Promise<void> } | undefined;
let reference: string;
const logs: string[] = [];
/** Set by the test: called with each progress report of the run in flight. */
let onProgress: ((p: { phase: string; bytesDone?: number; bytesTotal?: number }) => void) | undefined;

async function startEngine(): Promise<void> {
  const log = openSync(path.join(dir, "dockerd.log"), "a");
  engine = spawn(
    "/usr/sbin/dockerd",
    [
      ...["--data-root", path.join(dir, "data"), "--exec-root", path.join(dir, "exec")],
      ...["--storage-driver=vfs", "--iptables=false", "--ip6tables=false", "--bridge=none"],
      ...["--host", dockerHost, "--pidfile", path.join(dir, "dockerd.pid")],
    ],
    { stdio: ["ignore", log, log] },
  );
  for (let i = 0; i < 100; i++) {
    try {
      execFileSync("docker", ["-H", dockerHost, "version"], { stdio: "ignore" });
      // dockerd starts its own containerd; it outlives a killed dockerd, so remember it.
      const kids = readFileSync(`/proc/${engine.pid}/task/${engine.pid}/children`, "utf8").trim();
      containerd = kids ? Number(kids.split(/\s+/)[0]) : undefined;
      return;
    } catch {
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  throw new Error(
    `the test's dockerd did not start:\n${readFileSync(path.join(dir, "dockerd.log"), "utf8")}`,
  );
}

/**
 * SIGKILL, then wait (blocking the event loop on purpose) until the kernel has torn the engine down, so the
 * export cannot quietly finish from bytes still in flight before the run reads on.
 */
function killEngine(): void {
  if (!engine?.pid || engine.exitCode !== null || engine.signalCode !== null) return;
  engine.kill("SIGKILL");
  const stat = `/proc/${engine.pid}/stat`;
  for (const until = Date.now() + 5_000; Date.now() < until;) {
    const text = existsSync(stat) ? readFileSync(stat, "utf8") : "";
    if (!text || text.slice(text.lastIndexOf(")") + 2).startsWith("Z")) break;
  }
  try {
    if (containerd) process.kill(containerd, "SIGKILL");
  } catch {
    // Already gone with its parent.
  }
}

async function finished(runId: string) {
  for (const deadline = Date.now() + 30_000; Date.now() < deadline;) {
    const run = await db.getRun(runId);
    if (run && ["succeeded", "failed", "cancelled"].includes(run.status)) return run;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`run ${runId} did not finish`);
}

beforeAll(async () => {
  const fx = await ensureFixtures(["apk"]);
  reference = fx.images.apk;
  Object.assign(process.env, { DATABASE_URL: `file:${path.join(dir, "runs.db")}`, DOCKER_CONFIG: dir });
  db = await openTestDb();
  await startEngine();
  const { startWorker } = await import("./worker");
  const { analyzeImage } = await import("../analysis/analyze");
  worker = startWorker({
    analyze: (input, o) =>
      analyzeImage(input, {
        signal: o.signal,
        dockerHost,
        onProgress: (p) => {
          onProgress?.(p);
          o.onProgress(p);
        },
      }),
    concurrency: 1,
    pollMs: 50,
    heartbeatMs: 100,
    retryBaseMs: 100,
    log: (m) => logs.push(m),
  });
});

afterAll(async () => {
  killEngine();
  await worker?.stop();
  await db?.prisma.$disconnect();
  // Whatever the killed engine left mounted under its exec root would keep rm from finishing.
  execFileSync("sh", ["-c", `grep -o ' ${dir}[^ ]*' /proc/mounts | xargs -r -n1 umount -l`]);
  rmSync(dir, { recursive: true, force: true });
});

it("fails a run whose engine stops mid-export with DaemonUnavailable, keeping the earlier result", async () => {
  const queue = () =>
    db.enqueueRun({ reference, platform: "linux/amd64", source: "docker", family: "other", labels: [] });
  const first = await finished((await queue()).runId);
  expect(first.status).toBe("succeeded");
  const [before] = await db.listImages();
  expect(before.runId).toBe(first.id);

  let killedAt: { bytesDone?: number; bytesTotal?: number } | undefined;
  onProgress = (p) => {
    if (!killedAt && p.phase === "analyzing" && (p.bytesDone ?? 0) > 0) {
      killedAt = p;
      killEngine();
    }
  };
  const { runId } = await queue();
  const run = await finished(runId);
  expect(killedAt?.bytesDone).toBeLessThan(killedAt?.bytesTotal ?? 0);
  expect(run.status).toBe("failed");
  expect(run.attempts).toBe(3);
  expect(run.errorKind).toBe("DaemonUnavailable");
  expect(run.errorMessage).toContain(`Docker engine at ${dockerHost}`);
  // The first attempt names what happened; later ones find no engine at all.
  expect(logs.find((l) => l.startsWith(`run ${runId} will retry`))).toBe(
    `run ${runId} will retry: DaemonUnavailable: The Docker engine at ${dockerHost} stopped in the middle of exporting the image (aborted).`,
  );
  expect(await db.prisma.layer.count({ where: { runId } })).toBe(0);
  expect(await db.listImages()).toEqual([before]);
});
