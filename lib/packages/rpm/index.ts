import type { PackageRecord } from "../../analysis/types";
import { DbFormatError } from "../db-error";
import { isBdbHash, readBdbBlobs } from "./bdb";
import { FileReader } from "./file-reader";
import { parseRpmHeader } from "./header";
import { isNdb, readNdbBlobs } from "./ndb";
import { isSqlite, readSqliteBlobs } from "./sqlite";

export type RpmFormat = "rpm-sqlite" | "rpm-ndb" | "rpm-bdb";

/** Tells the rpm database format from the first bytes, whatever the file is called. */
export function sniffRpmFormat(head: Buffer): RpmFormat | null {
  if (isSqlite(head)) return "rpm-sqlite";
  if (isNdb(head)) return "rpm-ndb";
  if (isBdbHash(head)) return "rpm-bdb";
  return null;
}

/** Installed packages of an rpm database file in any of the three formats rpm has used. */
export function readRpmDb(file: string, format: RpmFormat): PackageRecord[] {
  const packages: PackageRecord[] = [];
  const onBlob = (blob: Buffer) => {
    const record = parseRpmHeader(blob);
    if (record) packages.push(record);
  };
  if (format === "rpm-sqlite") {
    readSqliteBlobs(file, onBlob);
    return packages;
  }
  const reader = new FileReader(file);
  try {
    if (format === "rpm-ndb") readNdbBlobs(reader, onBlob);
    else readBdbBlobs(reader, onBlob);
  } finally {
    reader.close();
  }
  return packages;
}

export { DbFormatError };
