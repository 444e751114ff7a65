import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureFixtures } from "../../scripts/fixtures";
import { startFaultProxy, type FaultProxy } from "../../scripts/test-support/fault-proxy";
import { openTestDb, type TestDb } from "../../scripts/test-support/test-db";

/**
 * The queue's promises with the real worker and a database of this file's own: a cancelled run stops and
 * stores nothing, and two worker processes (`npm run worker`, as deployments run them) on one database
 * take each queued run exactly once.
 */
const registry = process.env.BASESCOPE_TEST_REGISTRY ?? "127.0.0.1:5731";
const dir = mkdtempSync(path.join(os.tmpdir(), "bs-jobs-queue-"));
const databaseUrl = `file:${path.join(dir, "queue.db")}`;

let db: TestDb;
let apk: { reference: string; repo: string; tag: string; layerSize: number };
let proxy: FaultProxy;
const children: ChildProcess[] = [];

const queue = (reference: string) =>
  db.enqueueRun({ reference, platform: "linux/amd64", source: "registry", family: "other", labels: [] });

async function waitFor<T>(what: string, ms: number, probe: () => Promise<T | undefined>): Promise<T> {
  for (const deadline = Date.now() + ms; Date.now() < deadline;) {
    const v = await probe();
    if (v !== undefined) return v;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`timed out after ${ms} ms waiting for ${what}`);
}

beforeAll(async () => {
  const fx = await ensureFixtures(["apk"]);
  const rec = fx.records.apk;
  apk = { reference: fx.images.apk, repo: rec.repo, tag: rec.tag, layerSize: rec.layers[0].size };
  proxy = await startFaultProxy(`http://${registry}`);
  Object.assign(process.env, { DATABASE_URL: databaseUrl, DOCKER_CONFIG: dir });
  db = await openTestDb();
});

afterAll(async () => {
  for (const c of children) if (c.exitCode === null) c.kill("SIGKILL");
  await db?.prisma.$disconnect();
  await proxy?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe("cancelling", () => {
  it("cancels a queued run at once and a running one mid-download, storing nothing", async () => {
    const { startWorker } = await import("./worker");
    const { analyzeImage } = await import("../analysis/analyze");
    const reference = apk.reference.replace(registry, proxy.host);
    // A slow registry keeps the run downloading long enough to cancel it: 8 KiB every 50 ms.
    proxy.setRules([
      { path: /\/blobs\/sha256:/, fault: { kind: "trickle", chunkBytes: 8 << 10, everyMs: 50 } },
    ]);

    const queued = await queue(reference);
    expect(await db.requestCancel(queued.runId)).toBe("cancelled");
    expect((await db.getRun(queued.runId))?.errorMessage).toBe("Cancelled before it started.");

    const { runId } = await queue(reference);
    const worker = startWorker({
      analyze: (input, { signal, onProgress }) => analyzeImage(input, { signal, onProgress }),
      concurrency: 1,
      pollMs: 50,
      heartbeatMs: 100,
    });
    try {
      await waitFor("the download to be under way", 10_000, async () => {
        const run = await db.getRun(runId);
        return run?.status === "running" && Number(run.bytesDone ?? 0) > 0 ? run : undefined;
      });
      const asked = Date.now();
      expect(await db.requestCancel(runId)).toBe("running");
      const run = await waitFor("the run to stop", 5_000, async () => {
        const r = await db.getRun(runId);
        return r?.status === "running" ? undefined : r;
      });
      expect(Date.now() - asked).toBeLessThan(2_000);
      expect(run).toMatchObject({ status: "cancelled", errorKind: "Cancelled", attempts: 1 });
      expect(run?.errorMessage).toBe("Cancelled while running.");
      expect(Number(run?.bytesDone)).toBeLessThan(apk.layerSize);
      expect(await db.prisma.layer.count({ where: { runId } })).toBe(0);
      expect(await db.prisma.package.count({ where: { runId } })).toBe(0);
      expect(await db.listImages()).toEqual([]);
    } finally {
      await worker.stop();
    }
  });
});

/** Tags the fixture's manifest under new names in a repository of its own (blobs mounted, not copied). */
async function tagCopies(n: number): Promise<string[]> {
  const base = `http://${registry}/v2`;
  const accept = "application/vnd.oci.image.manifest.v1+json";
  const res = await fetch(`${base}/${apk.repo}/manifests/${apk.tag}`, { headers: { accept } });
  const manifest = Buffer.from(await res.arrayBuffer());
  const parsed = JSON.parse(manifest.toString()) as {
    config: { digest: string };
    layers: { digest: string }[];
  };
  const repo = `basescope-test/queue-${Date.now().toString(36)}`;
  for (const d of [parsed.config.digest, ...parsed.layers.map((l) => l.digest)]) {
    const mount = await fetch(`${base}/${repo}/blobs/uploads/?mount=${d}&from=${apk.repo}`, {
      method: "POST",
    });
    expect(mount.status).toBe(201);
  }
  const refs: string[] = [];
  for (let i = 0; i < n; i++) {
    const put = await fetch(`${base}/${repo}/manifests/t${i}`, {
      method: "PUT",
      headers: { "content-type": res.headers.get("content-type") ?? accept },
      body: new Uint8Array(manifest),
    });
    expect(put.status).toBe(201);
    refs.push(`${registry}/${repo}:t${i}`);
  }
  return refs;
}

function startWorkerProcess(): { child: ChildProcess; out: string[]; id: Promise<string> } {
  const child = spawn("node", ["--conditions=react-server", "--import", "tsx", "lib/jobs/worker-main.ts"], {
    env: { ...process.env, DATABASE_URL: databaseUrl, WORKER_CONCURRENCY: "2", ALLOWED_REGISTRIES: registry },
    stdio: ["ignore", "pipe", "pipe"],
  });
  children.push(child);
  const out: string[] = [];
  const id = new Promise<string>((resolve, reject) => {
    child.stdout!.setEncoding("utf8").on("data", (text: string) => {
      out.push(...text.split("\n").filter(Boolean));
      const m = /\[worker\] (\S+) started/.exec(text);
      if (m) resolve(m[1]);
    });
    child.stderr!.setEncoding("utf8").on("data", (text: string) => out.push(text));
    child.on("exit", (code) => reject(new Error(`worker exited with ${code}: ${out.join("\n")}`)));
  });
  return { child, out, id };
}

describe("several workers on one database", () => {
  it("in one process, polling hard, never run the same queued run twice", async () => {
    const { startWorker } = await import("./worker");
    const { analyzeImage } = await import("../analysis/analyze");
    const { dbLayerCache } = await import("../db/layer-cache");
    const refs = await tagCopies(12);
    const runIds = (await Promise.all(refs.map(queue))).map((q) => q.runId);
    const analysed: string[] = [];
    const workers = Array.from({ length: 4 }, () =>
      startWorker({
        analyze: (input, o) => {
          analysed.push(input.reference);
          return analyzeImage(input, { ...o, cache: dbLayerCache });
        },
        concurrency: 2,
        pollMs: 2,
      }),
    );
    try {
      const runs = await waitFor("all twelve runs to finish", 30_000, async () => {
        const rows = await db.prisma.run.findMany({ where: { id: { in: runIds } } });
        return rows.every((r) => r.status !== "queued" && r.status !== "running") ? rows : undefined;
      });
      expect(analysed.toSorted()).toEqual(refs.toSorted());
      for (const run of runs) expect(run).toMatchObject({ status: "succeeded", attempts: 1 });
      expect(new Set(runs.map((r) => r.lockedBy)).size).toBeGreaterThan(1);
    } finally {
      await Promise.all(workers.map((w) => w.stop()));
    }
  });

  it("take each of ten queued runs exactly once", async () => {
    const refs = await tagCopies(10);
    // Both polling before anything is queued, so neither gets the queue to itself by starting first.
    const workers = [startWorkerProcess(), startWorkerProcess()];
    const ids = await Promise.all(workers.map((w) => w.id));
    const runIds = (await Promise.all(refs.map(queue))).map((q) => q.runId);
    const runs = await waitFor("all ten runs to finish", 40_000, async () => {
      const rows = await db.prisma.run.findMany({ where: { id: { in: runIds } } });
      return rows.every((r) => r.status !== "queued" && r.status !== "running") ? rows : undefined;
    });
    // Stopped gracefully and fully read: a run is committed a moment before its worker logs it.
    const closed = workers.map((w) => new Promise((r) => w.child.once("close", r)));
    for (const w of workers) w.child.kill("SIGTERM");
    await Promise.all(closed);
    const logs = workers.flatMap((w) => w.out);
    for (const run of runs) {
      expect(run, logs.join("\n")).toMatchObject({ status: "succeeded", attempts: 1 });
      expect(ids).toContain(run.lockedBy);
      expect(logs.filter((l) => l.includes(`run ${run.id} `))).toEqual([`[worker] run ${run.id} succeeded`]);
    }
    const perWorker = ids.map((id) => runs.filter((r) => r.lockedBy === id).length);
    console.log(`runs per worker: ${perWorker.join(" + ")}`);
    expect(Math.min(...perWorker)).toBeGreaterThan(0);
    expect(await db.prisma.layer.count({ where: { runId: { in: runIds } } })).toBe(10);
    expect((await db.listImages()).filter((i) => refs.includes(i.reference))).toHaveLength(10);
  });
});
