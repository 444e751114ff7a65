import "server-only";
import { PrismaClient } from "../generated/prisma/client";
import { env } from "../config/env";
import { sqliteAdapter } from "./sqlite-adapter";

// The one Prisma client. Cached on globalThis so dev hot reloads don't open a new SQLite handle each time.
const globalForPrisma = globalThis as unknown as { basescopePrisma?: PrismaClient };

export function createPrismaClient(url = env().DATABASE_URL): PrismaClient {
  return new PrismaClient({ adapter: sqliteAdapter(url) });
}

export const prisma: PrismaClient = globalForPrisma.basescopePrisma ?? createPrismaClient();
if (process.env.NODE_ENV !== "production") globalForPrisma.basescopePrisma = prisma;
