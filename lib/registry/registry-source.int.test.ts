import { beforeAll, describe, expect, it } from "vitest";
import type { Progress } from "../analysis/types";
import { formatPlatform, parsePlatform, parseReference } from "../reference";
import { createRegistrySource, fetchManifestInfo } from "./index";
import { digestScanner, type ScannerLog } from "./test-support/digest-scanner";
import { pushImage, pushIndex, type PushedImage } from "./test-support/image-builder";
import { errorOf } from "../../scripts/test-support/error-of";

/** Against the shared plain test registry: images built and pushed here, expectations from the pushed bytes. */
const host = process.env.BASESCOPE_TEST_REGISTRY ?? "127.0.0.1:5731";
const base = `http://${host}`;
const repo = `basescope-test/registry-source-${Date.now().toString(36)}`;
let amd64: PushedImage;
let arm64: PushedImage;
let many: PushedImage;
let index: { digest: string; bytes: Buffer };

beforeAll(async () => {
  amd64 = await pushImage(base, repo, undefined, {
    architecture: "amd64",
    layers: [{ "etc/os-release": "ID=test\n" }, { "usr/bin/tool": "x".repeat(5000) }],
  });
  arm64 = await pushImage(base, repo, undefined, {
    architecture: "arm64",
    variant: "v8",
    layers: [{ "etc/os-release": "ID=test-arm\n" }],
  });
  index = await pushIndex(base, repo, "multi", [
    { image: amd64, platform: { architecture: "amd64", os: "linux" } },
    { image: arm64, platform: { architecture: "arm64", os: "linux", variant: "v8" } },
  ]);
  many = await pushImage(base, repo, "many", {
    docker: true,
    layers: Array.from({ length: 6 }, (_, i) => ({ [`f${i}`]: `layer ${i} `.repeat(2000 * (i + 1)) })),
  });
});

describe("createRegistrySource against a real registry", () => {
  it("resolves an index to linux/amd64 by default, skipping the attestation, and streams every layer verified", async () => {
    const ref = parseReference(`${host}/${repo}:multi`);
    const log: ScannerLog = { opened: [], maxInFlight: 0 };
    const { image, scans } = await createRegistrySource(ref).analyze(digestScanner(log), {});
    expect(image.reference).toBe(`${host}/${repo}:multi`);
    expect(image.source).toBe("registry");
    expect(image.indexDigest).toBe(index.digest);
    expect(image.digest).toBe(amd64.manifestDigest);
    expect(formatPlatform(image.platform)).toBe("linux/amd64");
    expect(image.availablePlatforms.map(formatPlatform)).toEqual(["linux/amd64", "linux/arm64"]);
    expect(image.configDigest).toBe(amd64.configBlob.digest);
    expect(image.config).toEqual(amd64.config);
    expect(image.compressedIsEstimate).toBe(false);
    expect(image.layers).toEqual(
      amd64.layers.map((l) => ({ digest: l.digest, mediaType: l.mediaType, size: l.size })),
    );
    expect(scans.map((s) => s.digest)).toEqual(amd64.layers.map((l) => l.digest));
    expect(scans.map((s) => s.compressedBytes)).toEqual(amd64.layers.map((l) => l.size));
    expect(scans.map((s) => s.diffId)).toEqual((amd64.config.rootfs as { diff_ids: string[] }).diff_ids);
  });

  it("chooses arm64 for linux/arm64/v8 and aarch64 alike", async () => {
    for (const p of ["linux/arm64/v8", "linux/aarch64"]) {
      const { image, scans } = await createRegistrySource(parseReference(`${host}/${repo}:multi`)).analyze(
        digestScanner(),
        { platform: parsePlatform(p) },
      );
      expect(image.digest).toBe(arm64.manifestDigest);
      expect(formatPlatform(image.platform)).toBe("linux/arm64");
      expect(scans.map((s) => s.digest)).toEqual(arm64.layers.map((l) => l.digest));
    }
  });

  it("says which platforms exist when the asked one does not", async () => {
    const e = await errorOf(
      createRegistrySource(parseReference(`${host}/${repo}:multi`)).analyze(digestScanner(), {
        platform: parsePlatform("linux/s390x"),
      }),
    );
    expect(e.kind).toBe("PlatformNotFound");
    expect(e.message).toBe(
      `${host}/${repo}:multi has no image for linux/s390x. Available platforms: linux/amd64, linux/arm64.`,
    );
  });

  it("keeps manifest layer order with at most `concurrency` downloads in flight, and reports byte progress", async () => {
    const log: ScannerLog = { opened: [], maxInFlight: 0 };
    const events: Progress[] = [];
    const source = createRegistrySource(parseReference(`${host}/${repo}:many`), { concurrency: 2 });
    const { image, scans } = await source.analyze(digestScanner(log, { delayMs: 30 }), {
      onProgress: (p) => events.push(p),
    });
    expect(log.maxInFlight).toBe(2);
    expect(scans.map((s) => s.digest)).toEqual(many.layers.map((l) => l.digest));
    expect(image.layers.map((l) => l.mediaType)).toEqual(
      many.layers.map(() => "application/vnd.docker.image.rootfs.diff.tar.gzip"),
    );
    const total = many.layers.reduce((n, l) => n + l.size, 0);
    const downloads = events.filter((e) => e.phase === "downloading");
    expect(events[0].phase).toBe("resolving");
    expect(downloads.at(-1)).toEqual({
      phase: "downloading",
      fraction: 1,
      bytesDone: total,
      bytesTotal: total,
    });
    expect(downloads.every((e, i) => i === 0 || e.bytesDone! >= downloads[i - 1].bytesDone!)).toBe(true);
  });

  it("resolves a digest reference without a tag, and a single-platform manifest", async () => {
    const ref = parseReference(`${host}/${repo}@${amd64.manifestDigest}`);
    const { image } = await createRegistrySource(ref).analyze(digestScanner(), {});
    expect(image.digest).toBe(amd64.manifestDigest);
    expect(image.indexDigest).toBeUndefined();
    expect(image.availablePlatforms.map(formatPlatform)).toEqual(["linux/amd64"]);
    const wrong = await errorOf(
      createRegistrySource(ref).analyze(digestScanner(), { platform: parsePlatform("linux/arm64") }),
    );
    expect(wrong.kind).toBe("PlatformNotFound");
  });

  it("reports unknown tags and repositories as ImageNotFound, naming the reference", async () => {
    const tag = await errorOf(
      createRegistrySource(parseReference(`${host}/${repo}:no-such-tag`)).analyze(digestScanner(), {}),
    );
    expect(tag.kind).toBe("ImageNotFound");
    expect(tag.message).toContain(`${host}/${repo}:no-such-tag was not found on registry ${host}`);
    const name = await errorOf(
      fetchManifestInfo(parseReference(`${host}/basescope-test/never-pushed-${Date.now()}`)),
    );
    expect(name.kind).toBe("ImageNotFound");
    const digest = await errorOf(
      fetchManifestInfo(parseReference(`${host}/${repo}@sha256:${"0".repeat(64)}`)),
    );
    expect(digest.kind).toBe("ImageNotFound");
  });

  it("stops when the signal is aborted", async () => {
    const ac = new AbortController();
    const scanner = digestScanner();
    const e = await errorOf(
      createRegistrySource(parseReference(`${host}/${repo}:many`), { concurrency: 1 }).analyze(
        async (desc, open) => {
          ac.abort();
          return scanner(desc, open);
        },
        { signal: ac.signal },
      ),
    );
    expect(e.kind).toBe("Cancelled");
  });
});

describe("fetchManifestInfo", () => {
  it("gives digests, layers and config without reading layers", async () => {
    const info = await fetchManifestInfo(
      parseReference(`${host}/${repo}:multi`),
      parsePlatform("linux/arm64"),
    );
    expect(info).toMatchObject({
      digest: arm64.manifestDigest,
      indexDigest: index.digest,
      configDigest: arm64.configBlob.digest,
      mediaType: "application/vnd.oci.image.manifest.v1+json",
    });
    expect(info.layers.map((l) => l.size)).toEqual(arm64.layers.map((l) => l.size));
    // The registry's own view of the digest agrees with the bytes pushed.
    const head = await fetch(`${base}/v2/${repo}/manifests/multi`, {
      method: "HEAD",
      headers: { Accept: "application/vnd.oci.image.index.v1+json" },
    });
    expect(head.headers.get("docker-content-digest")).toBe(info.indexDigest);
  });
});
