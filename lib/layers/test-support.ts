import { execFileSync } from "node:child_process";
import fs from "node:fs";
import { Readable } from "node:stream";
import zlib from "node:zlib";
import { createHash } from "node:crypto";
import tar from "tar-stream";
import type { PackageDbScan } from "../analysis/types";
import type { ScanHooks } from "./hooks";

/** Test-only helpers: layer tars built in memory with tar-stream, compressed by independent tools. */

export type TarSpec = {
  name: string;
  type?: "file" | "directory" | "symlink" | "link" | "fifo";
  content?: string | Buffer;
  linkname?: string;
  mode?: number;
  pax?: Record<string, string>;
};

export async function makeTar(specs: TarSpec[]): Promise<Buffer> {
  const pack = tar.pack();
  const out: Buffer[] = [];
  pack.on("data", (c) => out.push(c as Buffer));
  const ended = new Promise<void>((resolve, reject) => {
    pack.on("end", resolve);
    pack.on("error", reject);
  });
  for (const s of specs) {
    const type = s.type ?? "file";
    const body = type === "file" ? Buffer.from(s.content ?? "") : undefined;
    await new Promise<void>((resolve, reject) => {
      const header = {
        name: s.name,
        type,
        linkname: s.linkname,
        pax: s.pax,
        mode: s.mode ?? (type === "directory" ? 0o755 : 0o644),
      };
      const cb = (err?: Error | null) => (err ? reject(err) : resolve());
      if (body) pack.entry({ ...header, size: body.length }, body, cb);
      else pack.entry(header, cb);
    });
  }
  pack.finalize();
  await ended;
  return Buffer.concat(out);
}

export const gzip = (b: Buffer) => zlib.gzipSync(b);
/** zstd from Debian's binary: no JS encoder is installed, and an independent encoder is a better test. */
export const zstd = (b: Buffer, args: string[] = []) =>
  execFileSync("zstd", ["-q", "-c", ...args], { input: b });

export const sha256 = (b: Buffer) => `sha256:${createHash("sha256").update(b).digest("hex")}`;

/** A stream that hands the bytes out in small pieces, the way a network body arrives. */
export function streamOf(b: Buffer, chunk = 7919): Readable {
  const parts: Buffer[] = [];
  for (let i = 0; i < b.length; i += chunk) parts.push(b.subarray(i, i + chunk));
  return Readable.from(parts);
}

/** Hooks standing in for lib/inspect and lib/packages: they record what the scanner handed over. */
export function recordingHooks() {
  const spooled: { path: string; tempFile: string; content: Buffer }[] = [];
  const hooks: ScanHooks = {
    isCapturedFile: (p) => p === "etc/os-release" || p === "usr/lib/os-release" || p.endsWith("/release"),
    packageDbKind: (p) => (p === "var/lib/dpkg/status" ? { manager: "dpkg" } : null),
    async parsePackageDb(p, tempFile): Promise<PackageDbScan> {
      const content = fs.readFileSync(tempFile);
      spooled.push({ path: p, tempFile, content });
      const names = [...content.toString("utf8").matchAll(/^Package: (.+)$/gm)].map((m) => m[1]);
      return { manager: "dpkg", format: "status", packages: names.map((name) => ({ name, version: "1" })) };
    },
  };
  return { hooks, spooled };
}
