import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import type Database from "better-sqlite3";

type Adapter = Awaited<ReturnType<PrismaBetterSQLite3["connect"]>>;
type Transaction = Awaited<ReturnType<Adapter["startTransaction"]>>;
type Query = Parameters<Transaction["executeRaw"]>[0];

const ROLLBACK: Query = { sql: "ROLLBACK", args: [], argTypes: [] };

let lastCommitFailure: { error: unknown; at: number } | undefined;

/**
 * The reason behind Prisma's "A rollback cannot be executed on a committed transaction". When the COMMIT of
 * a transaction Prisma opens by itself (updateMany and others run in one) fails, Prisma marks it closed
 * anyway, tries to roll it back, and throws that instead of the COMMIT's error: in WAL mode a full disk
 * shows up at COMMIT, so "database or disk is full" would be lost. Returns the COMMIT's error, once, if
 * it failed within the last few seconds.
 */
export function commitFailureBehind(e: unknown): unknown {
  if (!(e instanceof Error) || !e.message.includes("cannot be executed on a committed transaction")) return;
  const failure = lastCommitFailure;
  lastCommitFailure = undefined;
  // Prisma throws its message right after the COMMIT failed; an older failure belongs to something else.
  return failure && Date.now() - failure.at < 5000 ? failure.error : undefined;
}

/**
 * Prisma ends a transaction by running COMMIT or ROLLBACK and only then releasing the adapter's transaction
 * lock, so when that statement fails the lock is never released and every later write of the process waits
 * forever (prisma/orm#29933). SQLite does make them fail: on a full disk (SQLITE_FULL) or an I/O error it
 * rolls the transaction back itself, and Prisma's ROLLBACK then finds "no transaction is active"; a COMMIT
 * that meets another process's lock fails with SQLITE_BUSY and leaves the transaction open. Here a failed
 * ROLLBACK is taken as done, a failed COMMIT is rolled back, and the lock is released either way.
 */
function endingSafely(tx: Transaction): Transaction {
  const run = tx.executeRaw.bind(tx);
  tx.executeRaw = async (query) => {
    if (query.sql === "ROLLBACK") return run(query).catch(() => 0);
    if (query.sql !== "COMMIT") return run(query);
    try {
      return await run(query);
    } catch (e) {
      lastCommitFailure = { error: e, at: Date.now() };
      await run(ROLLBACK).catch(() => 0);
      await tx.rollback();
      throw e;
    }
  };
  return tx;
}

/** How long a statement waits for another process's write lock before it fails with SQLITE_BUSY. */
const BUSY_TIMEOUT_MS = 5000;

/**
 * Several processes write the one file (the server, `npm run worker`, `npm run seed`), so transactions
 * begin IMMEDIATE: they take the write lock first, waiting up to BUSY_TIMEOUT_MS for it. Prisma begins them
 * DEFERRED, and a deferred transaction that reads before it writes (every upsert does) fails at once with
 * SQLITE_BUSY, which Prisma reports as "Operation has timed out", whenever another process commits between
 * its read and its write. Every transaction this app runs writes, so nothing is lost by taking the lock
 * early. (WAL, which lets pages read while a worker writes, is set on the file by scripts/start.mjs.)
 */
function preparedForSeveralProcesses(adapter: Adapter): Adapter {
  // The adapter keeps its better-sqlite3 handle in `client` and begins transactions with
  // client.prepare("BEGIN"); neither is public. A Prisma upgrade that moves the handle fails here, and one
  // that changes the statement fails sqlite-adapter.int.test.ts.
  const client = (adapter as unknown as { client?: Database.Database }).client;
  if (typeof client?.prepare !== "function")
    throw new Error("@prisma/adapter-better-sqlite3 changed: its better-sqlite3 handle is not where it was");
  const prepare = client.prepare.bind(client);
  client.prepare = ((sql: string) =>
    prepare(sql === "BEGIN" ? "BEGIN IMMEDIATE" : sql)) as typeof client.prepare;
  return adapter;
}

/** The better-sqlite3 driver adapter: immediate transactions that always give their lock back. */
export function sqliteAdapter(url: string): PrismaBetterSQLite3 {
  const factory = new PrismaBetterSQLite3({ url, timeout: BUSY_TIMEOUT_MS });
  const connect = factory.connect.bind(factory);
  factory.connect = async () => {
    const adapter = preparedForSeveralProcesses(await connect());
    const start = adapter.startTransaction.bind(adapter);
    adapter.startTransaction = async (isolationLevel) => endingSafely(await start(isolationLevel));
    return adapter;
  };
  return factory;
}
