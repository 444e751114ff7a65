import type { AnalysisResult, JavaInfo, PackageManagerKind, SourceKind } from "../analysis/types";
import type { Image, Layer, Package, Run } from "../generated/prisma/client";

const num = (v: bigint | null | undefined): number => (v === null || v === undefined ? 0 : Number(v));

type Details = Partial<AnalysisResult> & { packageErrors?: string[] };

function details(run: Run): Details {
  try {
    return run.details ? (JSON.parse(run.details) as Details) : {};
  } catch {
    return {};
  }
}

export function layerJson(l: Layer) {
  return {
    index: l.index,
    digest: l.digest,
    diffId: l.diffId,
    mediaType: l.mediaType,
    compressedBytes: num(l.compressedBytes),
    uncompressedBytes: num(l.uncompressedBytes),
    fileCount: l.fileCount,
    createdBy: l.createdBy,
    created: l.created,
    packagesAdded: l.packagesAdded,
    packagesRemoved: l.packagesRemoved,
  };
}

export function packageJson(p: Package) {
  return {
    manager: p.manager as PackageManagerKind,
    name: p.name,
    version: p.version,
    arch: p.arch,
    installedBytes: p.installedBytes === null ? null : Number(p.installedBytes),
    source: p.source,
    license: p.license,
    layerIndex: p.layerIndex,
  };
}

function javaOf(run: Run): JavaInfo | null {
  if (!run.javaHome) return null;
  return {
    version: run.javaVersion,
    vendor: run.javaVendor,
    imageType: run.javaImageType as JavaInfo["imageType"],
    home: run.javaHome,
    bytes: num(run.javaBytes),
  };
}

/**
 * One stored result with the same keys as the CLI's JSON (packages without items, layers as a list), plus
 * what the database adds. Byte counts are plain JSON numbers (exact up to 2^53 bytes, 8 PiB).
 */
export function imageJson(image: Image, run: Run, layers: Layer[] = []) {
  const d = details(run);
  return {
    id: image.id,
    runId: run.id,
    reference: image.reference,
    platform: image.platform,
    family: image.family,
    labels: JSON.parse(image.labels) as string[],
    analyzedAt: (run.finishedAt ?? run.createdAt).toISOString(),
    source: run.source as SourceKind,
    digest: run.digest ?? "",
    indexDigest: run.indexDigest,
    availablePlatforms: d.availablePlatforms ?? [],
    created: d.created ?? null,
    compressedBytes: num(run.compressedBytes),
    compressedIsEstimate: run.compressedIsEstimate ?? false,
    uncompressedBytes: num(run.uncompressedBytes),
    filesystemBytes: num(run.filesystemBytes),
    fileCount: run.fileCount ?? 0,
    wastedBytes: num(run.wastedBytes),
    efficiency: run.efficiency ?? 1,
    layerCount: run.layerCount ?? 0,
    layers: layers.map(layerJson),
    packages: { manager: run.packageManager as PackageManagerKind | null, count: run.packageCount ?? 0 },
    os: { id: run.osId, versionId: run.osVersionId, prettyName: run.osPrettyName },
    libc: { kind: (run.libc ?? "none") as AnalysisResult["libc"]["kind"], version: run.libcVersion },
    shell: run.shell,
    packageManager: run.packageManagerBinary,
    java: javaOf(run),
    user: run.user ?? "",
    entrypoint: d.entrypoint ?? null,
    cmd: d.cmd ?? null,
    exposedPorts: d.exposedPorts ?? [],
    setuidCount: d.setuidCount ?? 0,
    notes: d.notes ?? [],
  };
}

export type ImageJson = ReturnType<typeof imageJson>;

export function runDetailsJson(run: Run) {
  const d = details(run);
  return {
    largestFiles: d.largestFiles ?? [],
    wastedPaths: d.wastedPaths ?? [],
    packageErrors: d.packageErrors ?? [],
    userWastedPercent: d.userWastedPercent ?? 0,
  };
}

export function runStatusJson(run: Run) {
  return {
    id: run.id,
    imageId: run.imageId,
    status: run.status,
    phase: run.phase,
    progress: run.progress,
    bytesDone: run.bytesDone === null ? null : Number(run.bytesDone),
    bytesTotal: run.bytesTotal === null ? null : Number(run.bytesTotal),
    attempts: run.attempts,
    error: run.errorKind ? { kind: run.errorKind, message: run.errorMessage ?? "" } : null,
    createdAt: run.createdAt.toISOString(),
    startedAt: run.startedAt?.toISOString() ?? null,
    finishedAt: run.finishedAt?.toISOString() ?? null,
  };
}
