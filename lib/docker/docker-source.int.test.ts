import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Progress } from "../analysis/types";
import { BasescopeError } from "../errors";
import { createDockerSource, type ManifestInfoFn } from "./index";
import { createHashScan } from "./test-helpers/hash-scan";
import {
  buildImage,
  docker,
  dockerHost,
  type InspectInfo,
  inspect,
  tempDir,
  testRegistry,
  uniqueTag,
} from "./test-helpers/images";
import { baseLayer, docLayer } from "./test-helpers/sample-layers";

const REPO = "basescope-test/docker-source";
const tag = uniqueTag();
const local = `${REPO}:${tag}`;
let built: InspectInfo;

/** Layer tars exactly as the engine exports them, in manifest order (an independent read with the tar CLI). */
function savedLayerFiles(reference: string): string[] {
  const dir = tempDir();
  docker(["save", "-o", path.join(dir, "image.tar"), reference]);
  execFileSync("tar", ["-xf", "image.tar"], { cwd: dir });
  const [manifest] = JSON.parse(readFileSync(path.join(dir, "manifest.json"), "utf8")) as {
    Layers: string[];
  }[];
  return manifest.Layers.map((l) => path.join(dir, l));
}

function gzipCliBytes(file: string): number {
  return Number(execFileSync("sh", ["-c", `gzip -6 -n -c < "${file}" | wc -c`], { encoding: "utf8" }).trim());
}

async function expectKind(promise: Promise<unknown>, kind: string): Promise<BasescopeError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(BasescopeError);
  expect((error as BasescopeError).kind).toBe(kind);
  return error as BasescopeError;
}

beforeAll(async () => {
  // Layer 1 again at the end changes nothing: the legacy builder records it as an empty layer.
  const layers = [await baseLayer(), await docLayer(), await baseLayer()];
  built = buildImage(local, layers, ["ENV FOO=bar", "LABEL org.example.test=yes"]);
});

afterAll(() => {
  docker(["rmi", "-f", local]);
});

describe("createDockerSource on a local image", () => {
  it("scans every layer in order, with the engine's diff IDs and sizes", async () => {
    const { scan, calls } = createHashScan();
    const progress: Progress[] = [];
    const { image, scans } = await createDockerSource(local, { pull: "never" }).analyze(scan, {
      onProgress: (p) => progress.push(p),
    });
    expect(scans.map((s) => s.diffId)).toEqual(built.RootFS.Layers);
    // inspect Size is what the engine summed over the regular files of each layer diff.
    expect(scans.reduce((n, s) => n + s.uncompressedBytes, 0)).toBe(built.Size);
    expect(calls.every((c) => c.digest === "")).toBe(true);
    expect(image.source).toBe("docker");
    expect(image.reference).toBe(`docker.io/${local}`);
    expect(image.digest).toBe(built.Id);
    expect(image.configDigest).toBe(built.Id);
    expect(image.platform).toEqual({ os: built.Os, architecture: built.Architecture });
    expect(progress.at(-1)?.fraction).toBe(1);
    expect(progress.some((p) => p.phase === "analyzing" && (p.bytesDone ?? 0) > 0)).toBe(true);
  });

  it("estimates compressed sizes as gzip -6 does, and says so", async () => {
    const { scan } = createHashScan();
    const { image } = await createDockerSource(local, { pull: "never" }).analyze(scan, {});
    expect(image.compressedIsEstimate).toBe(true);
    expect(image.notes.join(" ")).toMatch(/estimate/i);
    const files = savedLayerFiles(local);
    expect(image.layers).toHaveLength(files.length);
    image.layers.forEach((layer, i) => {
      const cli = gzipCliBytes(files[i]);
      // zlib and GNU gzip deflate at the same level but are different implementations.
      expect(Math.abs(layer.size - cli)).toBeLessThanOrEqual(Math.max(64, cli * 0.03));
    });
  });

  it("aligns history with layers through empty_layer", async () => {
    const { scan } = createHashScan();
    const { image } = await createDockerSource(local, { pull: "never" }).analyze(scan, {});
    const history = image.config.history ?? [];
    const withLayer = history.filter((h) => !h.empty_layer);
    expect(withLayer).toHaveLength(built.RootFS.Layers.length);
    // Cross-check with the CLI: rows that have a size are the ones that made a layer in this image.
    const rows = docker(["history", "--no-trunc", "--format", "{{.Size}}\t{{.CreatedBy}}", local])
      .trim()
      .split("\n")
      .reverse()
      .map((line) => line.split("\t"));
    const cliWithLayer = rows.filter(([size]) => size !== "0B").map(([, createdBy]) => createdBy.trim());
    expect(withLayer.map((h) => h.created_by?.trim())).toEqual(cliWithLayer);
    expect(history.some((h) => h.empty_layer && /ENV FOO=bar/.test(h.created_by ?? ""))).toBe(true);
  });

  it("stops with Cancelled when the run is aborted", async () => {
    const { scan } = createHashScan();
    const controller = new AbortController();
    const run = createDockerSource(local, { pull: "never" }).analyze(scan, {
      signal: controller.signal,
      onProgress: (p) => p.phase === "analyzing" && controller.abort(),
    });
    await expectKind(run, "Cancelled");
  });
});

describe("createDockerSource with a registry", () => {
  const remote = `${testRegistry()}/${REPO}:${tag}-pushed`;

  beforeAll(async () => {
    buildImage(remote, [await baseLayer(7), await docLayer(8)]);
    docker(["push", remote]);
    docker(["rmi", remote]);
  });

  afterAll(() => {
    docker(["rmi", "-f", remote]);
  });

  const manifestInfo: ManifestInfoFn = async (repoDigest) => {
    const [name, digest] = repoDigest.split("@");
    const repository = name.slice(name.indexOf("/") + 1);
    const res = await fetch(`http://${testRegistry()}/v2/${repository}/manifests/${digest}`, {
      headers: {
        Accept:
          "application/vnd.docker.distribution.manifest.v2+json, application/vnd.oci.image.manifest.v1+json",
      },
    });
    const manifest = (await res.json()) as { layers: { digest: string; size: number; mediaType: string }[] };
    return { digest, layers: manifest.layers };
  };

  it("pulls a missing image, reporting progress, and takes sizes from the registry manifest", async () => {
    const { scan } = createHashScan();
    const progress: Progress[] = [];
    const { image, scans } = await createDockerSource(remote, { manifestInfo }).analyze(scan, {
      onProgress: (p) => progress.push(p),
    });
    const pulled = inspect(remote);
    expect(progress.some((p) => p.phase === "pulling")).toBe(true);
    expect(pulled.RepoDigests).toHaveLength(1);
    const repoDigest = pulled.RepoDigests![0];
    expect(image.digest).toBe(repoDigest.split("@")[1]);
    expect(scans.map((s) => s.diffId)).toEqual(pulled.RootFS.Layers);
    expect(scans.reduce((n, s) => n + s.uncompressedBytes, 0)).toBe(pulled.Size);
    const expected = await manifestInfo(repoDigest, image.platform);
    expect(image.layers).toEqual(expected!.layers);
    expect(image.compressedIsEstimate).toBe(false);
  });

  it("uses the RepoDigest as the digest even without registry access", async () => {
    const { scan } = createHashScan();
    const { image } = await createDockerSource(remote, { pull: "never" }).analyze(scan, {});
    expect(image.digest).toBe(inspect(remote).RepoDigests![0].split("@")[1]);
    expect(image.compressedIsEstimate).toBe(true);
  });

  it("maps a pull of an unknown tag to ImageNotFound with the engine's message", async () => {
    const { scan } = createHashScan();
    const missing = `${testRegistry()}/${REPO}:no-such-tag-${tag}`;
    const error = await expectKind(createDockerSource(missing).analyze(scan, {}), "ImageNotFound");
    expect(error.message).toContain(missing);
    expect(error.message).toMatch(/manifest unknown|not found/i);
  });
});

describe("createDockerSource errors", () => {
  it("reports an unreachable engine as DaemonUnavailable", async () => {
    const { scan } = createHashScan();
    const bogus = `unix://${tempDir()}/no-engine.sock`;
    const error = await expectKind(
      createDockerSource(local, { dockerHost: bogus }).analyze(scan, {}),
      "DaemonUnavailable",
    );
    expect(error.message).toContain(bogus);
  });

  it("reports an unknown image as ImageNotFound when pulling is off", async () => {
    const { scan } = createHashScan();
    const error = await expectKind(
      createDockerSource(`${REPO}:absent-${tag}`, { pull: "never", dockerHost: dockerHost() }).analyze(
        scan,
        {},
      ),
      "ImageNotFound",
    );
    expect(error.message).toMatch(/pulling is turned off/);
  });
});
