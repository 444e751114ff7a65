import { open, stat } from "node:fs/promises";
import type { PackageDbScan, PackageManagerKind } from "../analysis/types";
import { parseApkInstalled } from "./apk";
import { packageDbKind } from "./db-kind";
import { DbFormatError } from "./db-error";
import { parseDpkgStatus } from "./dpkg";
import { readRpmDb, sniffRpmFormat } from "./rpm";

const DEFAULT_MAX_BYTES = 256 * 1024 * 1024;

/**
 * Parses the package database a layer holds at `path` (normalised, no leading "/"), from a temp file
 * holding its bytes. Never throws for what is in the file: bad, oversized or unknown content comes back as
 * `{ manager, format, error }` in plain words, so one broken database cannot fail a whole analysis.
 */
export async function parsePackageDb(
  path: string,
  file: string,
  opts: { maxBytes?: number } = {},
): Promise<PackageDbScan> {
  const kind = packageDbKind(path);
  if (!kind)
    return { manager: "unknown", format: "unknown", error: `${path} is not a known package database` };
  const manager = kind.manager;
  let format = defaultFormat(path, manager);
  try {
    const { size } = await stat(file);
    const maxBytes = opts.maxBytes ?? DEFAULT_MAX_BYTES;
    if (size > maxBytes)
      return { manager, format, error: `the database is ${size} bytes, over the ${maxBytes}-byte limit` };
    if (manager === "rpm") {
      const sniffed = sniffRpmFormat(await readHead(file, 16));
      if (!sniffed)
        return {
          manager,
          format: "unknown",
          error: "the file is not an rpm database format this tool reads",
        };
      format = sniffed;
      return { manager, format, packages: readRpmDb(file, sniffed) };
    }
    const bytes = await readHead(file, size);
    if (bytes.includes(0)) return { manager, format, error: "the database is not a text file" };
    const text = bytes.toString("utf8");
    const packages =
      manager === "apk"
        ? parseApkInstalled(text)
        : parseDpkgStatus(text, { statusD: format === "dpkg-status.d" });
    return { manager, format, packages };
  } catch (e) {
    const error =
      e instanceof DbFormatError
        ? e.message
        : `the database cannot be read (${e instanceof Error ? e.message : String(e)})`;
    return { manager, format, error };
  }
}

function defaultFormat(path: string, manager: PackageManagerKind): string {
  if (manager === "apk") return "apk-installed";
  if (manager === "dpkg") return path === "var/lib/dpkg/status" ? "dpkg-status" : "dpkg-status.d";
  return "unknown";
}

async function readHead(file: string, length: number): Promise<Buffer> {
  const fh = await open(file, "r");
  try {
    const buf = Buffer.alloc(length);
    const { bytesRead } = await fh.read(buf, 0, length, 0);
    return buf.subarray(0, bytesRead);
  } finally {
    await fh.close();
  }
}
