import { spawnSync } from "node:child_process";
import { randomUUID } from "node:crypto";
import Database from "better-sqlite3";
import { runFigures } from "../../lib/db/run-figures";
import { REPO } from "./server";
import { syntheticReference, syntheticResult } from "./synthetic";

/** Applies the real migrations to a new SQLite file, exactly as the server's start-up does. */
export function migrate(file: string): void {
  const r = spawnSync("bash", ["scripts/prisma.sh", "migrate", "deploy"], {
    cwd: REPO,
    env: { ...process.env, DATABASE_URL: `file:${file}` },
    encoding: "utf8",
  });
  if (r.status !== 0) throw new Error(`prisma migrate deploy failed:\n${r.stdout}${r.stderr}`);
}

// Prisma's SQLite adapter stores DateTime as ISO text with "+00:00" and Boolean as 0/1; match it.
const iso = (d: Date) => d.toISOString().replace("Z", "+00:00");
function sqlValue(v: unknown): unknown {
  if (v instanceof Date) return iso(v);
  if (typeof v === "boolean") return v ? 1 : 0;
  return v;
}

/** `put(table, row)`: one prepared INSERT per table, its columns taken from the first row. */
function inserter(db: Database.Database) {
  const statements = new Map<string, { columns: string[]; stmt: Database.Statement }>();
  return (table: string, row: Record<string, unknown>) => {
    let s = statements.get(table);
    if (!s) {
      const columns = Object.keys(row);
      const names = columns.map((c) => `"${c}"`).join(", ");
      const stmt = db.prepare(
        `INSERT INTO "${table}" (${names}) VALUES (${columns.map(() => "?").join(", ")})`,
      );
      statements.set(table, (s = { columns, stmt }));
    }
    s.stmt.run(...s.columns.map((c) => sqlValue(row[c])));
  };
}

export type SeedOptions = { images: number; layers: number; packages: number };

/**
 * A database of `images` images, each with one succeeded run of `layers` layers and `packages` packages,
 * written straight through better-sqlite3 (200,000 package rows take seconds, not minutes with Prisma).
 */
export function seedDatabase(file: string, opts: SeedOptions): { imageIds: string[] } {
  migrate(file);
  const db = new Database(file);
  const imageIds: string[] = [];
  const finished = Date.UTC(2025, 5, 1);
  const put = inserter(db);
  db.transaction(() => {
    for (let i = 0; i < opts.images; i++) {
      const result = syntheticResult(i, opts.layers, opts.packages);
      const { reference, family, labels } = syntheticReference(i);
      const imageId = `bench-img-${randomUUID()}`;
      const runId = `bench-run-${randomUUID()}`;
      const image = {
        id: imageId,
        reference,
        platform: result.platform,
        family,
        labels: JSON.stringify(labels),
        createdAt: new Date(finished),
      };
      put("Image", image);
      const run = {
        id: runId,
        imageId,
        source: "registry",
        status: "succeeded",
        phase: "done",
        progress: 1,
        attempts: 1,
        createdAt: new Date(finished - 60_000 + i),
        startedAt: new Date(finished - 50_000 + i),
        finishedAt: new Date(finished + i * 1000),
        durationMs: 50_000,
        ...runFigures(result),
      };
      put("Run", run);
      for (const l of result.layers) {
        const layer = {
          runId,
          ...l,
          packagesAdded: l.packagesAdded.length,
          packagesRemoved: l.packagesRemoved.length,
        };
        put("Layer", layer);
      }
      for (const p of result.packages.items) put("Package", { runId, ...p });
      imageIds.push(imageId);
    }
  })();
  db.close();
  return { imageIds };
}
