import Database from "better-sqlite3";
import { existsSync, rmSync } from "node:fs";
import { DbFormatError } from "../db-error";

const SQLITE_MAGIC = Buffer.from("SQLite format 3\0", "latin1");

export function isSqlite(head: Buffer): boolean {
  return head.length >= 16 && head.subarray(0, 16).equals(SQLITE_MAGIC);
}

/**
 * Header blobs from rpm's sqlite backend (rpm >= 4.16). rpmdb.sqlite is in WAL mode, so even a read-only
 * open creates -wal/-shm files beside it; the ones this call created are removed again.
 */
export function readSqliteBlobs(file: string, onBlob: (blob: Buffer) => void): void {
  const sidecars = [`${file}-wal`, `${file}-shm`].filter((p) => !existsSync(p));
  let db: Database.Database | undefined;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
    const rows = db.prepare("SELECT blob FROM Packages").raw(true).iterate() as Iterable<unknown[]>;
    for (const [blob] of rows) {
      if (!Buffer.isBuffer(blob)) throw new DbFormatError("an rpm sqlite row holds no header blob");
      onBlob(blob);
    }
  } catch (e) {
    if (e instanceof DbFormatError) throw e;
    throw new DbFormatError(
      `the rpm sqlite database cannot be read (${e instanceof Error ? e.message : String(e)})`,
    );
  } finally {
    db?.close();
    for (const p of sidecars) rmSync(p, { force: true });
  }
}
