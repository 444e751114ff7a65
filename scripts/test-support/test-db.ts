import { execFileSync } from "node:child_process";

export type TestDb = typeof import("../../lib/db/runs") &
  typeof import("../../lib/db/images") &
  typeof import("../../lib/db/client");

/**
 * Migrates the database process.env.DATABASE_URL names, then loads the data-access modules. They are
 * imported only now because the Prisma client module reads DATABASE_URL when it is first loaded.
 */
export async function openTestDb(): Promise<TestDb> {
  execFileSync("bash", ["scripts/prisma.sh", "migrate", "deploy"], { env: process.env, stdio: "ignore" });
  return {
    ...(await import("../../lib/db/runs")),
    ...(await import("../../lib/db/images")),
    ...(await import("../../lib/db/client")),
  };
}
