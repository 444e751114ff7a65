import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureFixtures } from "../../scripts/fixtures";
import {
  startBlobMirror,
  startFaultProxy,
  type FaultProxy,
  type FaultRule,
} from "../../scripts/test-support/fault-proxy";
import { openTestDb, type TestDb } from "../../scripts/test-support/test-db";

/**
 * Whole runs through the real worker, the real analysis and a database of this file's own, with the registry
 * misbehaving through a fault proxy: each fault must end in a retried-then-succeeded run or a failed one that
 * says why, and a failed run must leave the image's last good result as it was.
 */
const upstream = `http://${process.env.BASESCOPE_TEST_REGISTRY ?? "127.0.0.1:5731"}`;
const dir = mkdtempSync(path.join(os.tmpdir(), "bs-jobs-registry-"));
const creds = { user: "tester", password: "fault-proxy-pw" };

let db: TestDb;
let proxy: FaultProxy;
let mirror: Awaited<ReturnType<typeof startBlobMirror>>;
let worker: { stop(): Promise<void> };
let reference: string;
let layerDigest: string;
let layerSize: number;
const logs: string[] = [];
/** The result the overview shows for the image, as of the last successful run. */
let good: { runId: string; digest: string; layers: number; packages: number; filesystemBytes: number };

beforeAll(async () => {
  const fx = await ensureFixtures(["apk"]);
  const layer = fx.records.apk.layers[0];
  [layerDigest, layerSize] = [layer.digest, layer.size];
  proxy = await startFaultProxy(upstream, { basicAuth: creds });
  mirror = await startBlobMirror(upstream);
  reference = fx.images.apk.replace(fx.registry, proxy.host);
  // The proxy stands for a private registry: credentials come from a Docker config, as for a user.
  const auth = Buffer.from(`${creds.user}:${creds.password}`).toString("base64");
  writeFileSync(path.join(dir, "config.json"), JSON.stringify({ auths: { [proxy.host]: { auth } } }));
  Object.assign(process.env, {
    DOCKER_CONFIG: dir,
    DATABASE_URL: `file:${path.join(dir, "runs.db")}`,
  });
  db = await openTestDb();
  const { startWorker } = await import("./worker");
  const { analyzeImage } = await import("../analysis/analyze");
  worker = startWorker({
    // No layer cache: every attempt must download the blobs the faults are aimed at.
    analyze: (input, { signal, onProgress }) =>
      analyzeImage(input, {
        signal,
        onProgress,
        registryTimeouts: { connectTimeoutMs: 500, idleTimeoutMs: 500 },
      }),
    concurrency: 1,
    pollMs: 50,
    heartbeatMs: 100,
    retryBaseMs: 100,
    log: (m) => logs.push(m),
  });
  const first = await runWith([]);
  expect(first.status).toBe("succeeded");
  good = await latestResult();
});

afterAll(async () => {
  await worker?.stop();
  await db?.prisma.$disconnect();
  await proxy?.stop();
  await mirror?.stop();
  rmSync(dir, { recursive: true, force: true });
});

async function runWith(rules: FaultRule[]) {
  proxy.setRules(rules);
  const { runId } = await db.enqueueRun({
    reference,
    platform: "linux/amd64",
    source: "registry",
    family: "other",
    labels: [],
  });
  for (const deadline = Date.now() + 30_000; Date.now() < deadline;) {
    const run = await db.getRun(runId);
    if (run && ["succeeded", "failed", "cancelled"].includes(run.status)) return run;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`run ${runId} did not finish in 30 s`);
}

async function latestResult(): Promise<typeof good> {
  const [row] = await db.listImages();
  const detail = await db.getImageDetail(row.id);
  return {
    runId: row.runId,
    digest: row.digest,
    layers: detail?.result?.layers.length ?? -1,
    packages: detail?.result?.packageItems.length ?? -1,
    filesystemBytes: row.filesystemBytes,
  };
}

/** A failed run stores nothing, and the overview still shows the earlier result, unchanged. */
async function expectNothingStored(runId: string) {
  expect(await db.prisma.layer.count({ where: { runId } })).toBe(0);
  expect(await db.prisma.package.count({ where: { runId } })).toBe(0);
  expect(await latestResult()).toEqual(good);
}

const anyBlob = /\/blobs\/sha256:[0-9a-f]{64}$/;
const layerPath = () => new RegExp(`/blobs/${layerDigest}$`);

describe("a run through a misbehaving registry", () => {
  it("stores a first result with its layers and packages", () => {
    expect(good.layers).toBe(1);
    expect(good.packages).toBeGreaterThan(5);
  });

  it("retries server errors and succeeds on the third attempt", async () => {
    const run = await runWith([{ path: layerPath(), fault: { kind: "status", status: 503 }, times: 2 }]);
    expect(run.status).toBe("succeeded");
    expect(run.attempts).toBe(3);
    const retried = logs.filter((l) => l.startsWith(`run ${run.id} will retry`));
    expect(retried).toHaveLength(2);
    expect(retried[0]).toMatch(/RegistryError: Registry 127\.0\.0\.1:\d+ had a server error \(HTTP 503\)/);
    const now = await latestResult();
    expect(now).toEqual({ ...good, runId: run.id });
    good = now;
  });

  it("waits as long as a 429's Retry-After says, then succeeds", async () => {
    const run = await runWith([
      {
        path: /\/manifests\//,
        fault: { kind: "status", status: 429, headers: { "retry-after": "1" } },
        times: 1,
      },
    ]);
    expect(run.status).toBe("succeeded");
    expect(run.attempts).toBe(2);
    const limited = proxy.hits.findLast((h) => h.fault === "status")!;
    const next = proxy.hits.find(
      (h) => h.at > limited.at && h.url.includes("/manifests/") && h.authorization,
    )!;
    expect(next.at - limited.at).toBeGreaterThanOrEqual(950);
    good = await latestResult();
  });

  it("gives up on a registry that never answers, after every attempt", async () => {
    const run = await runWith([{ path: /\/manifests\//, fault: { kind: "hang" } }]);
    expect(run.status).toBe("failed");
    expect(run.attempts).toBe(3);
    expect(run.errorKind).toBe("RegistryUnreachable");
    expect(run.errorMessage).toMatch(/^Cannot reach registry 127\.0\.0\.1:\d+: no answer within 0\.5 s\.$/);
    await expectNothingStored(run.id);
  });

  it("gives up on a layer download that stops flowing", async () => {
    const run = await runWith([{ path: layerPath(), fault: { kind: "stall", afterBytes: 64 << 10 } }]);
    expect(run.status).toBe("failed");
    expect(run.attempts).toBe(3);
    expect(run.errorKind).toBe("RegistryUnreachable");
    expect(run.errorMessage).toMatch(/stopped sending layer 1 \(sha256:[0-9a-f]+\) for 0\.5 s/);
    await expectNothingStored(run.id);
  });

  it("lets a slow but steady download finish", async () => {
    const run = await runWith([
      { path: layerPath(), fault: { kind: "trickle", chunkBytes: 64 << 10, everyMs: 40 } },
    ]);
    expect(run.status).toBe("succeeded");
    expect(run.attempts).toBe(1);
    good = await latestResult();
  });

  it("retries a layer cut off mid-download, then fails saying the connection dropped", async () => {
    const run = await runWith([
      { path: layerPath(), fault: { kind: "truncate", afterBytes: layerSize >> 1 } },
    ]);
    expect(run.status).toBe("failed");
    expect(run.attempts).toBe(3);
    expect(run.errorKind).toBe("RegistryUnreachable");
    expect(run.errorMessage).toMatch(
      /^Cannot reach registry 127\.0\.0\.1:\d+: the connection closed unexpectedly\.$/,
    );
    await expectNothingStored(run.id);
  });

  it("fails a corrupted layer at once with DigestMismatch", async () => {
    const run = await runWith([{ path: layerPath(), fault: { kind: "flip", offset: 4 } }]);
    expect(run.status).toBe("failed");
    expect(run.attempts).toBe(1);
    expect(run.errorKind).toBe("DigestMismatch");
    expect(run.errorMessage).toContain(`expected ${layerDigest}`);
    await expectNothingStored(run.id);
  });

  it("follows blob redirects to storage elsewhere without handing it the registry's credentials", async () => {
    const run = await runWith([
      { path: anyBlob, method: "GET", fault: { kind: "redirect", toBase: mirror.base } },
    ]);
    expect(run.status).toBe("succeeded");
    expect(mirror.seen.map((s) => s.url)).toContainEqual(expect.stringContaining(layerDigest));
    expect(mirror.seen.every((s) => s.authorization === undefined)).toBe(true);
    const toProxy = proxy.hits.filter((h) => h.fault === "redirect");
    expect(toProxy.length).toBeGreaterThan(0);
    expect(toProxy.every((h) => h.authorization?.startsWith("Basic "))).toBe(true);
  });
});
