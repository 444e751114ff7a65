import fs from "node:fs";
import path from "node:path";
import type { Extract, ExtractEvents, Header } from "tar-stream";
import type { FileEntry, FileKind, PackageDbScan } from "../analysis/types";
import { BasescopeError } from "../errors";
import { CAPTURE_MAX_BYTES, type ScanHooks } from "./hooks";
import { classifyWhiteout, normalizeTarPath } from "./tar-path";

type EntryStream = ExtractEvents["entry"][1];

function kindOf(type: Header["type"] | null): FileKind {
  switch (type) {
    case "file":
    case "contiguous-file":
      return "file";
    case "directory":
      return "dir";
    case "symlink":
      return "symlink";
    case "link":
      return "hardlink";
    default:
      return "other";
  }
}

/** Turns a tar header into the entry we keep, or null for entries that describe nothing to keep. */
export function toFileEntry(header: Header): FileEntry | null {
  const p = normalizeTarPath(header.name);
  if (p === null) return null;
  const mode = header.mode ?? 0;
  const wh = classifyWhiteout(p);
  if (wh.kind === "whiteout") return { path: wh.target, kind: "whiteout", size: 0, mode };
  if (wh.kind === "opaque") return { path: wh.dir, kind: "opaque", size: 0, mode };
  if (wh.kind === "reserved" || p === "") return null;
  const kind = kindOf(header.type);
  if (kind === "file") return { path: p, kind, size: header.size ?? 0, mode };
  if (kind === "symlink") return { path: p, kind, size: 0, mode, link: header.linkname ?? "" };
  if (kind === "hardlink") {
    const target = normalizeTarPath(header.linkname ?? "");
    if (!target) return null;
    return { path: p, kind, size: 0, mode, link: target };
  }
  return { path: p, kind, size: 0, mode };
}

/**
 * Walks the entries of one layer as tar-stream emits them: records every entry, keeps the whitelisted
 * small files and spools package databases to disk. Never holds file contents beyond those.
 */
export class TarWalker {
  readonly entries: FileEntry[] = [];
  readonly files: Record<string, string> = {};
  readonly packageDbs: Record<string, PackageDbScan> = {};
  uncompressedBytes = 0;
  fileCount = 0;
  error: Error | null = null;
  private seen = 0;
  private tmpDir: string | null = null;
  private readonly parses: Promise<void>[] = [];

  constructor(
    private readonly extract: Extract,
    private readonly hooks: ScanHooks,
    private readonly limits: { maxEntries: number; maxDbBytes: number },
    private readonly tmpRoot: string,
  ) {
    // Without a listener an invalid header would be an uncaught exception; the sink reads the error.
    extract.on("error", (e) => {
      if (!this.error) this.error = e;
    });
    extract.on("entry", (header, stream, next) => {
      try {
        this.onEntry(header, stream, next);
      } catch (e) {
        stream.resume();
        this.fail(e instanceof Error ? e : new Error(String(e)));
      }
    });
  }

  fail(e: Error): void {
    if (!this.error) this.error = e;
    this.extract.destroy(e);
  }

  /** Waits for the package database parsers started during the walk. */
  async settle(): Promise<void> {
    await Promise.all(this.parses);
  }

  cleanup(): void {
    if (this.tmpDir) fs.rmSync(this.tmpDir, { recursive: true, force: true });
    this.tmpDir = null;
  }

  private onEntry(header: Header, stream: EntryStream, next: () => void): void {
    if (++this.seen > this.limits.maxEntries) {
      stream.resume();
      this.fail(
        new BasescopeError("LimitExceeded", `The layer has more than ${this.limits.maxEntries} entries.`),
      );
      return;
    }
    const entry = toFileEntry(header);
    if (entry) this.record(entry);
    if (entry?.kind === "file") {
      const db = this.hooks.packageDbKind(entry.path);
      if (db) return this.spool(entry, db.manager, stream, next);
      if (entry.size <= CAPTURE_MAX_BYTES && this.hooks.isCapturedFile(entry.path))
        return this.capture(entry.path, stream, next);
    }
    stream.on("end", next);
    stream.resume();
  }

  private record(entry: FileEntry): void {
    this.entries.push(entry);
    // A later entry with the same name replaces the earlier one; so must its capture.
    if (entry.path in this.files) delete this.files[entry.path];
    if (entry.kind === "file") {
      this.uncompressedBytes += entry.size;
      this.fileCount++;
    } else if (entry.kind === "symlink" || entry.kind === "hardlink") {
      this.fileCount++;
    }
  }

  private capture(p: string, stream: EntryStream, next: () => void): void {
    const chunks: Buffer[] = [];
    stream.on("data", (c) => chunks.push(c as Buffer));
    stream.on("end", () => {
      this.files[p] = Buffer.concat(chunks).toString("base64");
      next();
    });
  }

  private spool(entry: FileEntry, manager: PackageDbScan["manager"], stream: EntryStream, next: () => void) {
    if (entry.size > this.limits.maxDbBytes) {
      this.packageDbs[entry.path] = {
        manager,
        format: "unknown",
        error: `The package database is ${entry.size} bytes, over the ${this.limits.maxDbBytes}-byte limit.`,
      };
      stream.on("end", next);
      stream.resume();
      return;
    }
    this.tmpDir ??= fs.mkdtempSync(path.join(this.tmpRoot, "basescope-layer-"));
    const file = path.join(this.tmpDir, `db-${this.parses.length}`);
    // Synchronous writes keep the walk simple; databases are few and the page cache absorbs them.
    const fd = fs.openSync(file, "w");
    let open = true;
    const close = () => {
      if (open) fs.closeSync(fd);
      open = false;
    };
    stream.on("data", (c) => {
      try {
        fs.writeSync(fd, c as Buffer);
      } catch (e) {
        this.fail(e instanceof Error ? e : new Error(String(e)));
      }
    });
    stream.on("close", close);
    stream.on("end", () => {
      close();
      this.parses.push(this.parse(entry.path, manager, file));
      next();
    });
  }

  private async parse(p: string, manager: PackageDbScan["manager"], file: string): Promise<void> {
    try {
      this.packageDbs[p] = await this.hooks.parsePackageDb(p, file, { maxBytes: this.limits.maxDbBytes });
    } catch (e) {
      this.packageDbs[p] = { manager, format: "unknown", error: e instanceof Error ? e.message : String(e) };
    } finally {
      fs.rmSync(file, { force: true });
    }
  }
}
