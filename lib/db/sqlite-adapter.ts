import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";

type Adapter = Awaited<ReturnType<PrismaBetterSQLite3["connect"]>>;
type Transaction = Awaited<ReturnType<Adapter["startTransaction"]>>;
type Query = Parameters<Transaction["executeRaw"]>[0];

const ROLLBACK: Query = { sql: "ROLLBACK", args: [], argTypes: [] };

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
      await run(ROLLBACK).catch(() => 0);
      await tx.rollback();
      throw e;
    }
  };
  return tx;
}

/** The better-sqlite3 driver adapter, with transactions that always give their lock back. */
export function sqliteAdapter(url: string): PrismaBetterSQLite3 {
  const factory = new PrismaBetterSQLite3({ url });
  const connect = factory.connect.bind(factory);
  factory.connect = async () => {
    const adapter = await connect();
    const start = adapter.startTransaction.bind(adapter);
    adapter.startTransaction = async (isolationLevel) => endingSafely(await start(isolationLevel));
    return adapter;
  };
  return factory;
}
