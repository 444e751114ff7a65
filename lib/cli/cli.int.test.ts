import { execFileSync, spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureFixtures, type Fixtures } from "../../scripts/fixtures";

type Fx = Fixtures<"debian-minbase" | "multiarch" | "engine">;
let fx: Fx;
const tmp = mkdtempSync(path.join(os.tmpdir(), "basescope-cli-"));

function cli(...args: string[]) {
  const r = spawnSync("npx", ["tsx", "lib/cli/main.ts", ...args], {
    encoding: "utf8",
    env: { ...process.env, CACHE_DIR: path.join(tmp, "cache") },
    maxBuffer: 64 * 1024 * 1024,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function json(...args: string[]) {
  const r = cli("analyze", ...args, "--json");
  expect(r.stderr).not.toMatch(/^error:/m);
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout);
}

/** The registry's own answer, fetched directly: the independent measure of digest and compressed size. */
async function manifestOf(ref: string) {
  const [, hostRepo, tag] = /^(.+):([^:/]+)$/.exec(ref)!;
  const [host, ...repo] = hostRepo.split("/");
  const res = await fetch(`http://${host}/v2/${repo.join("/")}/manifests/${tag}`, {
    headers: {
      accept:
        "application/vnd.docker.distribution.manifest.v2+json, application/vnd.oci.image.manifest.v1+json",
    },
  });
  const raw = Buffer.from(await res.arrayBuffer());
  const manifest = JSON.parse(raw.toString()) as { layers: { size: number; digest: string }[] };
  return { digest: `sha256:${createHash("sha256").update(raw).digest("hex")}`, manifest };
}

beforeAll(async () => {
  fx = await ensureFixtures(["debian-minbase", "multiarch", "engine"]);
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe("cli analyze (registry source)", () => {
  it("prints one JSON document whose figures match the registry, tar and dpkg-query", async () => {
    const ref = fx.images["debian-minbase"];
    const out = json(ref, "--no-cache");
    for (const k of [
      "reference",
      "digest",
      "platform",
      "source",
      "compressedBytes",
      "compressedIsEstimate",
      "uncompressedBytes",
      "filesystemBytes",
      "fileCount",
      "wastedBytes",
      "efficiency",
      "layers",
      "packages",
      "os",
      "libc",
      "shell",
      "packageManager",
      "java",
      "user",
    ]) {
      expect(out, k).toHaveProperty(k);
    }
    const { digest, manifest } = await manifestOf(ref);
    expect(out.digest).toBe(digest);
    expect(out.compressedBytes).toBe(manifest.layers.reduce((s, l) => s + l.size, 0));
    expect(out.compressedIsEstimate).toBe(false);
    expect(out.layers.map((l: { digest: string }) => l.digest)).toEqual(manifest.layers.map((l) => l.digest));

    // One layer, no whiteouts: on disk = Σ regular file sizes GNU tar lists; hard links carry no size.
    const tarPath = fx.records["debian-minbase"].layers[0].tarPath!;
    const listing = execFileSync("tar", ["-tvf", tarPath], { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
    const regular = listing.split("\n").filter((l) => l.startsWith("-"));
    const bytes = regular.reduce((s, l) => s + Number(l.trim().split(/\s+/)[2]), 0);
    expect(out.uncompressedBytes).toBe(bytes);
    expect(out.filesystemBytes).toBe(bytes);

    const admin = path.join(tmp, "dpkg");
    execFileSync("mkdir", ["-p", admin]);
    writeFileSync(
      path.join(admin, "status"),
      execFileSync("tar", ["-xOf", tarPath, "var/lib/dpkg/status"], { maxBuffer: 64 * 1024 * 1024 }),
    );
    const installed = execFileSync(
      "dpkg-query",
      [`--admindir=${admin}`, "-W", "-f=${db:Status-Abbrev}${Package}\\n"],
      { encoding: "utf8" },
    )
      .split("\n")
      .filter((l) => l.startsWith("ii"));
    expect(out.packages).toMatchObject({ manager: "dpkg", count: installed.length });

    const osRelease = execFileSync("tar", ["-xOf", tarPath, "usr/lib/os-release"], { encoding: "utf8" });
    expect(out.os.prettyName).toBe(/^PRETTY_NAME="(.*)"$/m.exec(osRelease)![1]);
    expect(out.libc.kind).toBe("glibc");
    expect(out.user).toBe("");
  });

  it("picks the platform asked for from an index and never offers the attestation entry", () => {
    const amd = json(fx.images.multiarch);
    const arm = json(fx.images.multiarch, "--platform", "linux/arm64");
    expect(amd.platform).toBe("linux/amd64");
    expect(arm.platform).toBe("linux/arm64");
    expect(arm.digest).not.toBe(amd.digest);
    expect(arm.indexDigest).toBe(amd.indexDigest);
    expect(amd.availablePlatforms).not.toContain("unknown/unknown");
    expect(amd.availablePlatforms.length).toBe(2);
  });

  it("prints a readable summary without --json, and progress on stderr", () => {
    const r = cli("analyze", fx.images["debian-minbase"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^compressed\s+61(\.\d)? MB \(/m);
    expect(r.stdout).toMatch(/^packages\s+\d+ \(dpkg\)$/m);
    expect(r.stderr).toMatch(/downloading|analyzing/);
  });
});

describe("cli analyze (docker and archive sources)", () => {
  it("measures a pulled image through the engine exactly as inspect and the registry do", () => {
    const ref = fx.engine.pulled;
    const viaRegistry = json(fx.images["debian-minbase"]);
    const viaDocker = json(ref, "--source", "docker");
    const inspect = JSON.parse(execFileSync("docker", ["image", "inspect", ref], { encoding: "utf8" }))[0];
    expect(viaDocker.uncompressedBytes).toBe(inspect.Size);
    expect(viaDocker.layers.map((l: { diffId: string }) => l.diffId)).toEqual(inspect.RootFS.Layers);
    expect(viaDocker.compressedIsEstimate).toBe(false);
    for (const k of ["compressedBytes", "filesystemBytes", "fileCount", "wastedBytes"])
      expect(viaDocker[k], k).toBe(viaRegistry[k]);
    expect(viaDocker.packages.count).toBe(viaRegistry.packages.count);
  });

  it("reads a docker save archive and flags its compressed size as an estimate", () => {
    const file = path.join(tmp, "save.tar");
    execFileSync("docker", ["save", "-o", file, fx.engine.imported]);
    const out = json(file, "--source", "archive");
    const inspect = JSON.parse(
      execFileSync("docker", ["image", "inspect", fx.engine.imported], { encoding: "utf8" }),
    )[0];
    expect(out.uncompressedBytes).toBe(inspect.Size);
    expect(out.compressedIsEstimate).toBe(true);
    expect(out.compressedBytes).toBeGreaterThan(0);
    expect(out.compressedBytes).toBeLessThan(out.uncompressedBytes);
  });
});

describe("cli errors and exit codes", () => {
  it.each([
    [["analyze", "Not A Valid::ref"], 2, /not a valid image reference/],
    [["analyze"], 2, /usage/],
    [["analyze", "alpine", "--source", "ftp"], 2, /--source must be/],
    [["analyze", "127.0.0.1:5731/basescope/debian-minbase:no-such-tag"], 3, /not found/],
    [["analyze", "127.0.0.1:9/x/y:1"], 5, /reach/],
  ])("%j exits %i with a plain message", (args, code, message) => {
    const r = cli(...(args as string[]));
    expect(r.code).toBe(code);
    expect(r.stderr).toMatch(message);
    expect(r.stdout).toBe("");
  });
});
