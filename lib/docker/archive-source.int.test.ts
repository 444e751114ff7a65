import { execFileSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BasescopeError } from "../errors";
import { createArchiveSource } from "./index";
import { createHashScan } from "./test-helpers/hash-scan";
import {
  buildImage,
  docker,
  dockerHost,
  type InspectInfo,
  inspect,
  makeTar,
  tempDir,
  uniqueTag,
} from "./test-helpers/images";
import { blobName, engine25Save, indexJson, layoutTar, ociImage, sha256 } from "./test-helpers/oci-builder";
import { baseLayer, docLayer, textBytes } from "./test-helpers/sample-layers";

const REPO = "basescope-test/archive-source";
const tag = uniqueTag();
const local = `${REPO}:${tag}`;
const dir = tempDir();
const tags: string[] = [local];
let built: InspectInfo;

async function expectKind(promise: Promise<unknown>, kind: string): Promise<BasescopeError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(BasescopeError);
  expect((error as BasescopeError).kind).toBe(kind);
  return error as BasescopeError;
}

function write(name: string, bytes: Buffer): string {
  const file = path.join(dir, name);
  writeFileSync(file, bytes);
  return file;
}

beforeAll(async () => {
  built = buildImage(local, [await baseLayer(3), await docLayer(4)], ["ENV FOO=bar"]);
});

afterAll(() => {
  docker(["rmi", "-f", ...tags]);
});

describe("createArchiveSource on docker save output", () => {
  it("reads a legacy docker save tar", async () => {
    const file = path.join(dir, "legacy.tar");
    docker(["save", "-o", file, local]);
    const { scan } = createHashScan();
    const { image, scans } = await createArchiveSource(file).analyze(scan, {});
    expect(scans.map((s) => s.diffId)).toEqual(built.RootFS.Layers);
    expect(scans.reduce((n, s) => n + s.uncompressedBytes, 0)).toBe(built.Size);
    expect(image.source).toBe("archive");
    expect(image.reference).toBe(local);
    expect(image.digest).toBe(built.Id);
    expect(image.compressedIsEstimate).toBe(true);
    expect(image.layers.map((l) => l.digest)).toEqual(built.RootFS.Layers);
    expect(image.config.history?.filter((h) => !h.empty_layer)).toHaveLength(built.RootFS.Layers.length);
  });

  it("reads a gzipped docker save tar", async () => {
    const file = path.join(dir, "legacy.tar.gz");
    execFileSync("sh", ["-c", `docker save ${local} | gzip -1 > "${file}"`], {
      env: { ...process.env, DOCKER_HOST: dockerHost() },
    });
    const { scan } = createHashScan();
    const { scans } = await createArchiveSource(file).analyze(scan, {});
    expect(scans.map((s) => s.diffId)).toEqual(built.RootFS.Layers);
  });

  it("follows the links docker save writes for a layer that repeats", async () => {
    // Load an image whose first and third layers are identical, then save it: the engine links the copy.
    const a = await baseLayer(5);
    const b = await docLayer(6);
    const config = Buffer.from(
      JSON.stringify({
        architecture: "amd64",
        os: "linux",
        rootfs: { type: "layers", diff_ids: [sha256(a), sha256(b), sha256(a)] },
        history: [{ created_by: "a" }, { created_by: "b" }, { created_by: "a again" }],
      }),
    );
    const configName = `${sha256(config).slice(7)}.json`;
    const repeated = `${REPO}:${tag}-repeat`;
    tags.push(repeated);
    const archive = await makeTar([
      { name: "1/layer.tar", body: a },
      { name: "2/layer.tar", body: b },
      { name: "3/layer.tar", body: a },
      { name: configName, body: config },
      {
        name: "manifest.json",
        body: JSON.stringify([
          { Config: configName, RepoTags: [repeated], Layers: ["1/layer.tar", "2/layer.tar", "3/layer.tar"] },
        ]),
      },
    ]);
    docker(["load"], { input: archive });
    const file = path.join(dir, "repeat.tar");
    docker(["save", "-o", file, repeated]);
    expect(execFileSync("tar", ["-tvf", file], { encoding: "utf8" })).toMatch(/layer\.tar -> /);
    const { scan, calls } = createHashScan();
    const { scans } = await createArchiveSource(file).analyze(scan, {});
    expect(scans.map((s) => s.diffId)).toEqual(inspect(repeated).RootFS.Layers);
    expect(calls).toHaveLength(2);
  });

  it("reads an OCI archive written by skopeo, with real compressed sizes", async () => {
    const file = path.join(dir, "skopeo-oci.tar");
    execFileSync(
      "skopeo",
      ["copy", "--src-daemon-host", dockerHost(), `docker-daemon:${local}`, `oci-archive:${file}`],
      {
        stdio: "ignore",
      },
    );
    const index = JSON.parse(execFileSync("tar", ["-xOf", file, "index.json"], { encoding: "utf8" }));
    const manifestDigest: string = index.manifests[0].digest;
    const manifest = JSON.parse(
      execFileSync("tar", ["-xOf", file, blobName(manifestDigest)], { encoding: "utf8" }),
    );
    const { scan, calls } = createHashScan();
    const { image, scans } = await createArchiveSource(file).analyze(scan, {});
    expect(scans.map((s) => s.diffId)).toEqual(built.RootFS.Layers);
    expect(image.digest).toBe(manifestDigest);
    expect(image.layers.map(({ digest, size, mediaType }) => ({ digest, size, mediaType }))).toEqual(
      manifest.layers.map(
        ({ digest, size, mediaType }: { digest: string; size: number; mediaType: string }) => ({
          digest,
          size,
          mediaType,
        }),
      ),
    );
    expect(image.compressedIsEstimate).toBe(false);
    // Blobs are handed over with the digest their name promises, so the scanner can verify them.
    expect(calls.map((c) => c.digest).sort()).toEqual(
      manifest.layers.map((l: { digest: string }) => l.digest).sort(),
    );
  });
});

describe("createArchiveSource on an engine 25+ save layout", () => {
  it("scans blobs as they come and orders them by manifest.json", async () => {
    const layers = [
      await baseLayer(11),
      await docLayer(12),
      await makeTar([{ name: "opt/x", body: textBytes(5000, 13) }]),
    ];
    const image = ociImage(layers, { gzip: [false, true, false] });
    const repoTag = `${REPO}:${tag}-engine25`;
    tags.push(repoTag);
    const archive = await engine25Save(image, repoTag);
    const file = write("engine25.tar", archive);
    const { scan, calls } = createHashScan();
    const { image: resolved, scans } = await createArchiveSource(file).analyze(scan, {});
    // Lexical blob order is not layer order here, or the test would prove nothing.
    expect([...image.layerDigests].sort()).not.toEqual(image.layerDigests);
    expect(calls.map((c) => c.digest)).toEqual([...image.layerDigests].sort());
    expect(scans.map((s) => s.digest)).toEqual(image.layerDigests);
    expect(resolved.digest).toBe(image.manifestDigest);
    expect(resolved.layers.map((l) => l.mediaType)).toEqual([
      "application/vnd.oci.image.layer.v1.tar",
      "application/vnd.oci.image.layer.v1.tar+gzip",
      "application/vnd.oci.image.layer.v1.tar",
    ]);
    expect(resolved.layers[1].size).toBe(image.blobs.get(image.layerDigests[1])!.length);
    expect(resolved.compressedIsEstimate).toBe(true);
    // The engine accepts the same file: its diff IDs must be ours.
    docker(["load", "-i", file]);
    expect(scans.map((s) => s.diffId)).toEqual(inspect(repoTag).RootFS.Layers);
  });
});

describe("createArchiveSource on a multi-platform OCI layout", () => {
  let file: string;
  let amd64: ReturnType<typeof ociImage>;
  let arm64: ReturnType<typeof ociImage>;

  beforeAll(async () => {
    amd64 = ociImage([await baseLayer(21)], { gzip: [true], architecture: "amd64" });
    arm64 = ociImage([await baseLayer(22), await docLayer(23)], {
      gzip: [true, true],
      architecture: "arm64",
    });
    const files = new Map<string, Buffer>();
    for (const img of [amd64, arm64]) for (const [d, b] of img.blobs) files.set(blobName(d), b);
    const attestation = Buffer.from(JSON.stringify({ schemaVersion: 2, layers: [] }));
    files.set(blobName(sha256(attestation)), attestation);
    const nested = indexJson([
      {
        mediaType: "application/vnd.oci.image.manifest.v1+json",
        digest: amd64.manifestDigest,
        size: amd64.manifestBytes,
        platform: amd64.platform,
      },
      {
        mediaType: "application/vnd.oci.image.manifest.v1+json",
        digest: arm64.manifestDigest,
        size: arm64.manifestBytes,
        platform: { ...arm64.platform, variant: "v8" },
      },
      {
        mediaType: "application/vnd.oci.image.manifest.v1+json",
        digest: sha256(attestation),
        size: attestation.length,
        platform: { os: "unknown", architecture: "unknown" },
        annotations: { "vnd.docker.reference.type": "attestation-manifest" },
      },
    ]);
    files.set(blobName(sha256(nested)), nested);
    files.set(
      "index.json",
      indexJson([
        { mediaType: "application/vnd.oci.image.index.v1+json", digest: sha256(nested), size: nested.length },
      ]),
    );
    files.set("oci-layout", Buffer.from('{"imageLayoutVersion":"1.0.0"}'));
    file = write("multi.tar", await layoutTar(files));
  });

  it("follows index.json to the wanted platform", async () => {
    const { scan } = createHashScan();
    const { image, scans } = await createArchiveSource(file).analyze(scan, {
      platform: { os: "linux", architecture: "arm64" },
    });
    expect(scans.map((s) => s.diffId)).toEqual(arm64.diffIds);
    expect(image.digest).toBe(arm64.manifestDigest);
    expect(image.indexDigest).toMatch(/^sha256:/);
    expect(image.platform).toEqual({ os: "linux", architecture: "arm64" });
    expect(image.availablePlatforms).toEqual([
      { os: "linux", architecture: "amd64" },
      { os: "linux", architecture: "arm64" },
    ]);
    expect(image.compressedIsEstimate).toBe(false);
  });

  it("defaults to the host platform and rejects one the index lacks", async () => {
    const { scan } = createHashScan();
    const { scans } = await createArchiveSource(file).analyze(scan, {});
    const hostArch = process.arch === "arm64" ? arm64 : amd64;
    expect(scans.map((s) => s.diffId)).toEqual(hostArch.diffIds);
    const error = await expectKind(
      createArchiveSource(file).analyze(scan, { platform: { os: "linux", architecture: "s390x" } }),
      "PlatformNotFound",
    );
    expect(error.message).toContain("linux/amd64, linux/arm64");
  });
});

describe("createArchiveSource on broken input", () => {
  it("reports a missing file, a truncated archive and a missing layer", async () => {
    const { scan } = createHashScan();
    await expectKind(createArchiveSource(path.join(dir, "absent.tar")).analyze(scan, {}), "ImageNotFound");
    const saved = path.join(dir, "for-truncation.tar");
    docker(["save", "-o", saved, local]);
    const whole = readFileSync(saved);
    const truncated = write("truncated.tar", whole.subarray(0, Math.floor(whole.length / 2) + 100));
    await expectKind(createArchiveSource(truncated).analyze(scan, {}), "CorruptLayer");
    const image = ociImage([await baseLayer(31)], { gzip: [true] });
    image.blobs.delete(image.layerDigests[0]);
    const missing = write("missing-layer.tar", await engine25Save(image, "x:y"));
    const error = await expectKind(createArchiveSource(missing).analyze(scan, {}), "CorruptLayer");
    expect(error.message).toContain("missing");
    const notArchive = write("not-an-archive.tar", gzipSync(Buffer.from("hello")));
    await expectKind(createArchiveSource(notArchive).analyze(scan, {}), "CorruptLayer");
  });
});
