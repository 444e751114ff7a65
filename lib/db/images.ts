import "server-only";
import { prisma } from "./client";
import { imageJson, packageJson, runDetailsJson, runStatusJson, type ImageJson } from "./serialize";

export async function countImages(): Promise<number> {
  return prisma.image.count();
}

export type ImageListQuery = { family?: string; q?: string; ids?: string[]; label?: string };

/** The latest successful result per image and platform; images never analysed successfully are left out. */
export async function listImages(query: ImageListQuery = {}): Promise<ImageJson[]> {
  const images = await prisma.image.findMany({
    where: {
      ...(query.family && { family: query.family }),
      ...(query.ids && { id: { in: query.ids } }),
      ...(query.q && { reference: { contains: query.q } }),
      ...(query.label && { labels: { contains: JSON.stringify(query.label) } }),
    },
    include: {
      runs: {
        where: { status: "succeeded" },
        orderBy: { finishedAt: "desc" },
        take: 1,
        include: { layers: { orderBy: { index: "asc" } } },
      },
    },
    orderBy: [{ family: "asc" }, { reference: "asc" }],
  });
  return images.filter((i) => i.runs.length > 0).map((i) => imageJson(i, i.runs[0], i.runs[0].layers));
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
