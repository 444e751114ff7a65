import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureFixtures } from "../../scripts/fixtures";
import type { AnalysisResult } from "../analysis/types";
import { openTestDb, type TestDb } from "../../scripts/test-support/test-db";

/**
 * The image list is kept between requests; every change that alters it — a run succeeding (in any
 * process), an image deleted — must show on the next read, and a failed run must not.
 */
const dir = mkdtempSync(path.join(os.tmpdir(), "bs-image-list-"));
let db: TestDb;
let result: AnalysisResult;

async function succeed(reference: string) {
  const { imageId, runId } = await db.enqueueRun({
    reference,
    platform: "linux/amd64",
    source: "registry",
    family: "other",
    labels: [],
  });
  const run = await db.claimNextRun("test-worker");
  expect(run?.id).toBe(runId);
  expect(await db.completeRun(runId, "test-worker", { ...result, reference })).toBe(true);
  return imageId;
}

beforeAll(async () => {
  const fx = await ensureFixtures(["apk"]);
  Object.assign(process.env, { DATABASE_URL: `file:${path.join(dir, "list.db")}` });
  db = await openTestDb();
  const { analyzeImage } = await import("../analysis/analyze");
  result = await analyzeImage({ reference: fx.images.apk });
});

afterAll(async () => {
  await db?.prisma.$disconnect();
  rmSync(dir, { recursive: true, force: true });
});

describe("listImages", () => {
  it("shows each success, hides failures, and forgets deleted images, read after read", async () => {
    expect(await db.listImages()).toEqual([]);
    const a = await succeed("example.test/team/a:1");
    expect((await db.listImages()).map((i) => i.id)).toEqual([a]);

    const { runId } = await db.enqueueRun({
      reference: "example.test/team/b:1",
      platform: "linux/amd64",
      source: "registry",
      family: "other",
      labels: [],
    });
    await db.claimNextRun("test-worker");
    await db.finishRunUnsuccessfully(runId, "test-worker", {
      status: "failed",
      errorKind: "ImageNotFound",
      errorMessage: "gone",
    });
    expect((await db.listImages()).map((i) => i.id)).toEqual([a]);

    const c = await succeed("example.test/team/c:1");
    const listed = await db.listImages();
    expect(listed.map((i) => i.id).sort()).toEqual([a, c].sort());
    // The family was refined from os-release in the same transaction, and the list knows it.
    expect(listed.every((i) => i.family === "alpine")).toBe(true);
    expect((await db.listImages({ withLayers: true }))[0].layers.length).toBe(result.layers.length);
    expect((await db.listImages({ q: "TEAM/C" })).map((i) => i.id)).toEqual([c]);
    expect((await db.listImages({ ids: [a] })).map((i) => i.id)).toEqual([a]);

    expect(await db.deleteImage(a)).toBe(true);
    expect((await db.listImages()).map((i) => i.id)).toEqual([c]);
  });
});
