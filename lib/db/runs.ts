import "server-only";
import type { AnalysisResult, SourceKind } from "../analysis/types";
import type { Run } from "../generated/prisma/client";
import { prisma } from "./client";
import { runFigures } from "./run-figures";
import { refineFamily } from "../analysis/family";

export type RunStatus = "queued" | "running" | "succeeded" | "failed" | "cancelled";
const ACTIVE: RunStatus[] = ["queued", "running"];

export type EnqueueInput = {
  reference: string;
  platform: string;
  source: SourceKind;
  family: string;
  labels: string[];
};

/**
 * Queues a benchmark. The same reference, platform and source already queued or running is one run:
 * the existing run is returned. SQLite serialises write transactions, so two concurrent adds agree.
 */
export async function enqueueRun(
  input: EnqueueInput,
): Promise<{ imageId: string; runId: string; deduplicated: boolean }> {
  return prisma.$transaction(async (tx) => {
    const image = await tx.image.upsert({
      where: { reference_platform: { reference: input.reference, platform: input.platform } },
      create: {
        reference: input.reference,
        platform: input.platform,
        family: input.family,
        labels: JSON.stringify(input.labels),
      },
      update: {},
    });
    const active = await tx.run.findFirst({
      where: { imageId: image.id, source: input.source, status: { in: ACTIVE } },
    });
    if (active) return { imageId: image.id, runId: active.id, deduplicated: true };
    const run = await tx.run.create({ data: { imageId: image.id, source: input.source } });
    return { imageId: image.id, runId: run.id, deduplicated: false };
  });
}

export async function getRun(id: string) {
  return prisma.run.findUnique({ where: { id }, include: { image: true } });
}

/** Compare-and-set claim: only one worker can move a queued run to running. */
export async function claimNextRun(
  workerId: string,
): Promise<(Run & { image: { reference: string; platform: string } }) | null> {
  for (let tries = 0; tries < 5; tries++) {
    const next = await prisma.run.findFirst({
      where: { status: "queued", runAfter: { lte: new Date() } },
      orderBy: { createdAt: "asc" },
      select: { id: true },
    });
    if (!next) return null;
    const now = new Date();
    const claimed = await prisma.run.updateMany({
      where: { id: next.id, status: "queued" },
      data: {
        status: "running",
        lockedBy: workerId,
        heartbeatAt: now,
        startedAt: now,
        attempts: { increment: 1 },
        phase: "resolving",
        progress: 0,
      },
    });
    if (claimed.count === 1)
      return prisma.run.findUniqueOrThrow({ where: { id: next.id }, include: { image: true } });
  }
  return null;
}

/** Heartbeat and progress in one write; returns whether a cancel was requested. */
export async function touchRun(
  id: string,
  workerId: string,
  progress?: { phase: string; fraction: number; bytesDone?: number; bytesTotal?: number },
) {
  const data = {
    heartbeatAt: new Date(),
    ...(progress && {
      phase: progress.phase,
      progress: Math.max(0, Math.min(1, progress.fraction)),
      bytesDone: progress.bytesDone === undefined ? undefined : BigInt(Math.round(progress.bytesDone)),
      bytesTotal: progress.bytesTotal === undefined ? undefined : BigInt(Math.round(progress.bytesTotal)),
    }),
  };
  await prisma.run.updateMany({ where: { id, lockedBy: workerId, status: "running" }, data });
  const row = await prisma.run.findUnique({ where: { id }, select: { cancelRequested: true } });
  return { cancelRequested: row?.cancelRequested ?? false };
}

/** Stores every figure, layer and package of a successful run in one transaction: all or nothing. */
export async function completeRun(id: string, workerId: string, result: AnalysisResult): Promise<boolean> {
  return prisma.$transaction(async (tx) => {
    const owned = await tx.run.updateMany({
      where: { id, lockedBy: workerId, status: "running" },
      data: {
        ...runFigures(result),
        status: "succeeded",
        phase: "done",
        progress: 1,
        finishedAt: new Date(),
        errorKind: null,
        errorMessage: null,
      },
    });
    if (owned.count !== 1) return false;
    const run = await tx.run.findUniqueOrThrow({ where: { id }, select: { startedAt: true, image: true } });
    const refined = refineFamily(run.image.family, JSON.parse(run.image.labels) as string[], {
      osId: result.os.id,
      shell: result.shell,
      packageManager: result.packageManager,
      hasJava: result.java !== null,
    });
    await tx.image.update({
      where: { id: run.image.id },
      data: { family: refined.family, labels: JSON.stringify(refined.labels) },
    });
    await tx.run.update({
      where: { id },
      data: { durationMs: run.startedAt ? Date.now() - run.startedAt.getTime() : null },
    });
    await tx.layer.createMany({
      data: result.layers.map((l) => ({
        runId: id,
        index: l.index,
        digest: l.digest,
        diffId: l.diffId,
        mediaType: l.mediaType,
        compressedBytes: BigInt(l.compressedBytes),
        uncompressedBytes: BigInt(l.uncompressedBytes),
        fileCount: l.fileCount,
        createdBy: l.createdBy,
        created: l.created,
        packagesAdded: l.packagesAdded.length,
        packagesRemoved: l.packagesRemoved.length,
      })),
    });
    await tx.package.createMany({
      data: result.packages.items.map((p) => ({
        runId: id,
        manager: p.manager,
        name: p.name,
        version: p.version,
        arch: p.arch ?? null,
        installedBytes: p.installedBytes === undefined ? null : BigInt(p.installedBytes),
        source: p.source ?? null,
        license: p.license ?? null,
        layerIndex: p.layerIndex,
      })),
    });
    return true;
  });
}

/** Ends a run that did not succeed, or puts it back in the queue for a later attempt. */
export async function finishRunUnsuccessfully(
  id: string,
  workerId: string,
  outcome:
    | { status: "failed" | "cancelled"; errorKind: string; errorMessage: string }
    | { status: "queued"; runAfter: Date; errorKind: string; errorMessage: string },
) {
  await prisma.run.updateMany({
    where: { id, lockedBy: workerId, status: "running" },
    data: {
      status: outcome.status,
      errorKind: outcome.errorKind,
      errorMessage: outcome.errorMessage,
      lockedBy: null,
      ...(outcome.status === "queued"
        ? { runAfter: outcome.runAfter, phase: "waiting to retry" }
        : { finishedAt: new Date() }),
    },
  });
}

/** Queued runs are cancelled at once; a running one is flagged and its worker stops it. */
export async function requestCancel(id: string): Promise<RunStatus | null> {
  const queued = await prisma.run.updateMany({
    where: { id, status: "queued" },
    data: {
      status: "cancelled",
      finishedAt: new Date(),
      errorKind: "Cancelled",
      errorMessage: "Cancelled before it started.",
    },
  });
  if (queued.count === 0)
    await prisma.run.updateMany({ where: { id, status: "running" }, data: { cancelRequested: true } });
  const run = await prisma.run.findUnique({ where: { id }, select: { status: true } });
  return (run?.status as RunStatus | undefined) ?? null;
}

/**
 * Runs whose worker stopped heartbeating (the process died) go back to the queue, or fail with a reason
 * once out of attempts. Nothing of a half-finished run was saved, since results land in one transaction.
 */
export async function recoverStaleRuns(staleAfterMs: number): Promise<number> {
  const cutoff = new Date(Date.now() - staleAfterMs);
  const stale = await prisma.run.findMany({ where: { status: "running", heartbeatAt: { lt: cutoff } } });
  for (const run of stale) {
    const retry = run.attempts < run.maxAttempts;
    await prisma.run.updateMany({
      where: { id: run.id, status: "running", heartbeatAt: run.heartbeatAt },
      data: retry
        ? {
            status: "queued",
            lockedBy: null,
            phase: "waiting to retry",
            runAfter: new Date(),
            errorKind: "Interrupted",
            errorMessage: "The worker running this analysis stopped; it was queued again.",
          }
        : {
            status: "failed",
            lockedBy: null,
            finishedAt: new Date(),
            errorKind: "Interrupted",
            errorMessage: "The worker running this analysis stopped, and it ran out of attempts.",
          },
    });
  }
  return stale.length;
}
