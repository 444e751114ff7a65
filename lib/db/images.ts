import "server-only";
import { LIST_VERSION_SQL, listVersionOf } from "./list-version.mjs";
import { Prisma } from "../generated/prisma/client";
import { prisma } from "./client";
import { imageJson, packageJson, runDetailsJson, runStatusJson, type ImageJson } from "./serialize";

export async function countImages(): Promise<number> {
  return prisma.image.count();
}

export type ImageListQuery = {
  family?: string;
  q?: string;
  ids?: string[];
  label?: string;
  /** The JSON API lists each image's layers; the dashboard's tables and charts do not need them. */
  withLayers?: boolean;
};

/**
 * The id of the latest successful run of each image, one indexed subquery per image
 * (Run_imageId_status_finishedAt_idx). Prisma's nested `take: 1` would read every succeeded run of every
 * image and keep one in memory, which grows with each image's history.
 */
async function latestRunIds(imageIds: string[]): Promise<string[]> {
  return inChunks(imageIds, async (ids) => {
    const rows = await prisma.$queryRaw<{ id: string | null }[]>`
      SELECT (SELECT r.id FROM "Run" r WHERE r."imageId" = i.id AND r.status = 'succeeded'
              ORDER BY r."finishedAt" DESC LIMIT 1) AS id
      FROM "Image" i WHERE i.id IN (${Prisma.join(ids)})`;
    return rows.flatMap((r) => (r.id ? [r.id] : []));
  });
}

/** SQLite binds at most 999 parameters per statement: long IN lists go in slices. */
async function inChunks<T>(ids: string[], fn: (slice: string[]) => Promise<T[]>): Promise<T[]> {
  const out: T[] = [];
  for (let i = 0; i < ids.length; i += 500) out.push(...(await fn(ids.slice(i, i + 500))));
  return out;
}

/** Every image's latest successful result, read from the database. */
async function readImages(withLayers: boolean): Promise<ImageJson[]> {
  const images = await prisma.image.findMany({ orderBy: [{ family: "asc" }, { reference: "asc" }] });
  const runIds = await latestRunIds(images.map((i) => i.id));
  const runs = await inChunks(runIds, (ids) => prisma.run.findMany({ where: { id: { in: ids } } }));
  const layers = withLayers
    ? await inChunks(runIds, (ids) =>
        prisma.layer.findMany({
          where: { runId: { in: ids } },
          orderBy: [{ runId: "asc" }, { index: "asc" }],
        }),
      )
    : [];
  const runByImage = new Map(runs.map((r) => [r.imageId, r]));
  const layersByRun = new Map<string, typeof layers>();
  for (const l of layers) layersByRun.set(l.runId, [...(layersByRun.get(l.runId) ?? []), l]);
  return images.flatMap((image) => {
    const run = runByImage.get(image.id);
    return run ? [imageJson(image, run, layersByRun.get(run.id) ?? [])] : [];
  });
}

/** The list's data version (see list-version.mjs); another process's changes count just the same. */
async function listVersion(): Promise<string> {
  const [row] =
    await prisma.$queryRawUnsafe<{ runs: bigint; last: unknown; images: bigint }[]>(LIST_VERSION_SQL);
  return listVersionOf(row);
}

// Per process; a page of 1,000 images costs ~100 ms of server CPU to read and map, a version check ~1 ms.
const listCache = new Map<boolean, { version: string; items: Promise<ImageJson[]> }>();

async function cachedImages(withLayers: boolean): Promise<ImageJson[]> {
  const version = await listVersion();
  const hit = listCache.get(withLayers);
  if (hit?.version === version) return hit.items;
  const items = readImages(withLayers);
  listCache.set(withLayers, { version, items });
  items.catch(() => listCache.delete(withLayers));
  return items;
}

/** The latest successful result per image and platform; images never analysed successfully are left out. */
export async function listImages(query: ImageListQuery = {}): Promise<ImageJson[]> {
  const all = await cachedImages(query.withLayers ?? false);
  const ids = query.ids && new Set(query.ids);
  const q = query.q?.toLowerCase();
  return all.filter(
    (i) =>
      (!query.family || i.family === query.family) &&
      (!q || i.reference.toLowerCase().includes(q)) &&
      (!query.label || i.labels.includes(query.label)) &&
      (!ids || ids.has(i.id)),
  );
}

/** Everything about one image: its latest result with layers and packages, and every run of it. */
export async function getImageDetail(id: string) {
  const image = await prisma.image.findUnique({
    where: { id },
    include: { runs: { orderBy: { createdAt: "desc" } } },
  });
  if (!image) return null;
  const latest = image.runs.find((r) => r.status === "succeeded");
  const [layers, packages, siblings] = await Promise.all([
    latest ? prisma.layer.findMany({ where: { runId: latest.id }, orderBy: { index: "asc" } }) : [],
    latest ? prisma.package.findMany({ where: { runId: latest.id }, orderBy: { name: "asc" } }) : [],
    prisma.image.findMany({
      where: { reference: image.reference, NOT: { id } },
      select: { id: true, platform: true },
    }),
  ]);
  return {
    image: {
      id: image.id,
      reference: image.reference,
      platform: image.platform,
      family: image.family,
      labels: JSON.parse(image.labels) as string[],
    },
    result: latest
      ? {
          ...imageJson(image, latest, layers),
          ...runDetailsJson(latest),
          packageItems: packages.map(packageJson),
        }
      : null,
    runs: image.runs.map((r) => ({
      ...runStatusJson(r),
      digest: r.digest,
      compressedBytes: r.compressedBytes === null ? null : Number(r.compressedBytes),
      filesystemBytes: r.filesystemBytes === null ? null : Number(r.filesystemBytes),
      packageCount: r.packageCount,
    })),
    otherPlatforms: siblings,
  };
}

export async function deleteImage(id: string): Promise<boolean> {
  const { count } = await prisma.image.deleteMany({ where: { id } });
  return count === 1;
}
