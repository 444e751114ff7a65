/**
 * Where the time of GET /api/images goes at 1,000 images, in-process and without HTTP: the Prisma query
 * (images with their latest run and its layers), the mapping to JSON rows, JSON.stringify, against the
 * same rows read by one hand-written SQL statement through better-sqlite3.
 *   node --conditions=react-server --import tsx bench/profile-list.ts [images=1000]
 */
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { seedDatabase } from "./support/seed-db";
import { median, ms, printTable, since } from "./support/stats";

const IMAGES = Number(process.argv[2] ?? 1000);
const N = 15;
const dir = mkdtempSync(path.join(os.tmpdir(), "basescope-bench-"));
const file = path.join(dir, "bench.db");

/** Median and minimum: on a shared box the minimum is the cost of the work itself, the median what others add. */
async function timeIt<T>(fn: () => Promise<T> | T): Promise<{ ms: string; value: T }> {
  const xs: number[] = [];
  let value!: T;
  for (let i = 0; i < N + 2; i++) {
    const start = process.hrtime.bigint();
    value = await fn();
    if (i >= 2) xs.push(since(start)); // the first two warm the statement cache and the JIT
  }
  return { ms: `${ms(median(xs))} / ${ms(Math.min(...xs))}`, value };
}

/** The three reads Prisma issues (images; their succeeded runs; those runs' layers), by hand. */
function direct(db: Database.Database, runColumns: string) {
  const images = db.prepare(`SELECT * FROM Image ORDER BY family, reference`).all() as { id: string }[];
  const runs = db
    .prepare(`SELECT ${runColumns} FROM Run WHERE status = 'succeeded' ORDER BY finishedAt DESC`)
    .all() as { id: string; imageId: string }[];
  const latest = new Map<string, { id: string }>();
  for (const r of runs) if (!latest.has(r.imageId)) latest.set(r.imageId, r);
  const layers = db.prepare(`SELECT * FROM Layer ORDER BY runId, "index"`).all();
  return images.length + latest.size + layers.length;
}

try {
  seedDatabase(file, { images: IMAGES, layers: 5, packages: 200 });
  process.env.DATABASE_URL = `file:${file}`;
  const { prisma } = await import("../lib/db/client");
  const { listImages } = await import("../lib/db/images");
  const { imageJson } = await import("../lib/db/serialize");
  const { sortImages } = await import("../lib/api/sort");

  const query = () =>
    prisma.image.findMany({
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
  const q = await timeIt(query);
  const mapped = await timeIt(() => q.value.map((i) => imageJson(i, i.runs[0], i.runs[0].layers)));
  const whole = await timeIt(() => listImages());
  const sorted = await timeIt(() => sortImages(whole.value, null));
  const json = await timeIt(() => JSON.stringify({ items: sorted.value }));
  const db = new Database(file, { readonly: true });
  const raw = await timeIt(() => direct(db, "*"));
  const narrow = await timeIt(() =>
    direct(db, "id, imageId, compressedBytes, filesystemBytes, packageCount"),
  );
  db.close();
  await prisma.$disconnect();

  printTable(`GET /api/images at ${IMAGES} images, in-process, median of ${N}`, [
    ["step", "median / min"],
    ["prisma findMany (images → latest run → layers)", q.ms],
    ["imageJson for every row", mapped.ms],
    ["listImages() as a whole", whole.ms],
    ["sortImages", sorted.ms],
    [`JSON.stringify (${(json.value.length / 2 ** 20).toFixed(1)} MiB)`, json.ms],
    [`the same three reads, better-sqlite3 directly (${raw.value} rows)`, raw.ms],
    ["  the same, runs without the details JSON column", narrow.ms],
  ]);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
