import "server-only";
import { prisma } from "./client";
import { imageJson, layerJson, packageJson, type ImageJson } from "./serialize";

const PAGE = 100;

/** Latest successful runs, a page of images at a time, so an export never holds the whole table. */
async function* latestRuns(ids?: string[]) {
  let cursor: string | undefined;
  for (;;) {
    const page = await prisma.image.findMany({
      where: ids ? { id: { in: ids } } : undefined,
      orderBy: { id: "asc" },
      take: PAGE,
      ...(cursor && { cursor: { id: cursor }, skip: 1 }),
      include: { runs: { where: { status: "succeeded" }, orderBy: { finishedAt: "desc" }, take: 1 } },
    });
    if (page.length === 0) return;
    cursor = page[page.length - 1].id;
    yield page.filter((i) => i.runs.length > 0).map((i) => ({ image: i, run: i.runs[0] }));
    if (page.length < PAGE) return;
  }
}

export async function* exportImages(ids?: string[]): AsyncGenerator<ImageJson[]> {
  for await (const page of latestRuns(ids)) yield page.map(({ image, run }) => imageJson(image, run));
}

export async function* exportLayers(ids?: string[]) {
  for await (const page of latestRuns(ids)) {
    const byRun = new Map(page.map(({ image, run }) => [run.id, image]));
    const layers = await prisma.layer.findMany({
      where: { runId: { in: [...byRun.keys()] } },
      orderBy: [{ runId: "asc" }, { index: "asc" }],
    });
    yield layers.map((l) => ({
      ...layerJson(l),
      reference: byRun.get(l.runId)!.reference,
      platform: byRun.get(l.runId)!.platform,
    }));
  }
}

export async function* exportPackages(ids?: string[]) {
  for await (const page of latestRuns(ids)) {
    for (const { image, run } of page) {
      const packages = await prisma.package.findMany({ where: { runId: run.id }, orderBy: { name: "asc" } });
      yield packages.map((p) => ({
        ...packageJson(p),
        reference: image.reference,
        platform: image.platform,
      }));
    }
  }
}
