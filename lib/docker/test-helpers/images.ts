import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import tar from "tar-stream";

/** Helpers for the docker integration tests: they build their own tiny images on the real engine. */

export type TarSpec = {
  name: string;
  body?: string | Buffer;
  type?: "file" | "directory" | "symlink" | "link";
  linkname?: string;
  mode?: number;
};

export type InspectInfo = {
  Id: string;
  Size: number;
  RepoDigests: string[] | null;
  RootFS: { Layers: string[] };
  Architecture: string;
  Os: string;
};

export function dockerHost(): string {
  const host = process.env.DOCKER_HOST;
  if (!host)
    throw new Error(
      "DOCKER_HOST is not set: run the integration project (vitest globalSetup starts the engine)",
    );
  return host;
}

export function testRegistry(): string {
  const registry = process.env.BASESCOPE_TEST_REGISTRY;
  if (!registry) throw new Error("BASESCOPE_TEST_REGISTRY is not set");
  return registry;
}

export function docker(args: string[], opts: { input?: Buffer; cwd?: string } = {}): string {
  return execFileSync("docker", args, {
    env: { ...process.env, DOCKER_HOST: dockerHost(), DOCKER_BUILDKIT: "0" },
    input: opts.input,
    cwd: opts.cwd,
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
    stdio: ["pipe", "pipe", "pipe"],
  });
}

export function inspect(reference: string): InspectInfo {
  return JSON.parse(docker(["image", "inspect", reference]))[0] as InspectInfo;
}

export function uniqueTag(): string {
  return `t${Date.now().toString(36)}${randomBytes(3).toString("hex")}`;
}

export function tempDir(): string {
  return mkdtempSync(path.join(tmpdir(), "basescope-docker-"));
}

export async function makeTar(entries: TarSpec[]): Promise<Buffer> {
  const pack = tar.pack();
  const chunks: Buffer[] = [];
  const done = (async () => {
    for await (const chunk of pack as unknown as AsyncIterable<Buffer>) chunks.push(chunk);
  })();
  const mtime = new Date("2024-01-01T00:00:00Z");
  for (const e of entries) {
    const type = e.type ?? "file";
    const header = {
      name: e.name,
      type,
      linkname: e.linkname,
      mode: e.mode ?? (type === "directory" ? 0o755 : 0o644),
      mtime,
    };
    if (type === "file")
      pack.entry(header, typeof e.body === "string" ? Buffer.from(e.body) : (e.body ?? Buffer.alloc(0)));
    else pack.entry(header);
  }
  pack.finalize();
  await done;
  return Buffer.concat(chunks);
}

/** `docker build` (legacy builder, no network) of FROM scratch + one ADD per layer tar, plus extra lines. */
export function buildImage(tag: string, layers: Buffer[], extraLines: string[] = []): InspectInfo {
  const dir = tempDir();
  const lines = ["FROM scratch"];
  layers.forEach((layer, i) => {
    writeFileSync(path.join(dir, `layer${i}.tar`), layer);
    lines.push(`ADD layer${i}.tar /`);
    if (i === 0) lines.push(...extraLines);
  });
  writeFileSync(path.join(dir, "Dockerfile"), lines.join("\n") + "\n");
  docker(["build", "-q", "--network=none", "-t", tag, "."], { cwd: dir });
  return inspect(tag);
}
