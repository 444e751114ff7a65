import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { seedDatabase, type SeedOptions } from "./seed-db";
import { ensureBuild, startServer, type Server } from "./server";
import { since } from "./stats";

export type BenchContext = {
  dir: string;
  dbFile: string;
  logFile: string;
  server: Server;
  seedMs: number;
  dbBytes: number;
};

/**
 * A temporary directory with a seeded database and a production server on it, removed afterwards
 * whatever happens (the server log is printed when the work throws, so a failure can be read).
 */
export async function withSeededServer<T>(
  seed: SeedOptions,
  env: Record<string, string>,
  work: (ctx: BenchContext) => Promise<T>,
): Promise<T> {
  ensureBuild();
  const dir = mkdtempSync(path.join(os.tmpdir(), "basescope-bench-"));
  const dbFile = path.join(dir, "bench.db");
  const logFile = path.join(dir, "server.log");
  let server: Server | undefined;
  try {
    const start = process.hrtime.bigint();
    seedDatabase(dbFile, seed);
    const seedMs = since(start);
    server = await startServer({ DATABASE_URL: `file:${dbFile}`, ...env }, logFile);
    return await work({ dir, dbFile, logFile, server, seedMs, dbBytes: statSync(dbFile).size });
  } catch (e) {
    if (existsSync(logFile))
      console.error(`--- server log ---\n${readFileSync(logFile, "utf8").slice(-4000)}`);
    throw e;
  } finally {
    await server?.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
