import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseReference } from "../reference";
import { fetchManifestInfo } from "./index";
import { blob, pushBlob, pushImage, pushManifest, type PushedImage } from "./test-support/image-builder";
import { startProxy } from "./test-support/proxy";
import { errorOf } from "../../scripts/test-support/error-of";

/**
 * The registry client's caps on what a hostile registry can make it read: an 8 MiB config, nested indexes
 * at most 4 deep, a 4 MiB manifest even when no Content-Length announces it. Images are pushed to the
 * shared test registry; a proxy of the test's own serves what a registry would not store.
 */
const host = process.env.BASESCOPE_TEST_REGISTRY ?? "127.0.0.1:5731";
const base = `http://${host}`;
const repo = `basescope-test/limits-${Date.now().toString(36)}`;
const INDEX = "application/vnd.oci.image.index.v1+json";
const MANIFEST = "application/vnd.oci.image.manifest.v1+json";
const stops: (() => Promise<void>)[] = [];
let image: PushedImage;
let dir: string;

const resolve = (ref: string) => fetchManifestInfo(parseReference(ref));

/** An index whose only entry (for linux/amd64) is `child`. */
async function pushIndexOf(tag: string, child: { digest: string; size: number; mediaType: string }) {
  const bytes = Buffer.from(
    JSON.stringify({
      schemaVersion: 2,
      mediaType: INDEX,
      manifests: [{ ...child, platform: { os: "linux", architecture: "amd64" } }],
    }),
  );
  const digest = await pushManifest(base, repo, tag, bytes, INDEX);
  return { digest, size: bytes.length, mediaType: INDEX };
}

function drainedOrClosed(res: NodeJS.WritableStream): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      res.off("drain", done);
      res.off("close", done);
      resolve();
    };
    res.on("drain", done).on("close", done);
  });
}

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), "bs-limits-"));
  process.env.DOCKER_CONFIG = dir;
  image = await pushImage(base, repo, "small", { layers: [{ "etc/hello": "hello\n" }] });
});

afterAll(async () => {
  for (const stop of stops) await stop();
  rmSync(dir, { recursive: true, force: true });
});

describe("registry limits", () => {
  it("refuses a config larger than 8 MiB without downloading it", async () => {
    const config = blob(
      Buffer.from(JSON.stringify({ architecture: "amd64", os: "linux", pad: " ".repeat(9 << 20) })),
      "application/vnd.oci.image.config.v1+json",
    );
    await pushBlob(base, repo, config);
    const manifest = Buffer.from(
      JSON.stringify({
        schemaVersion: 2,
        mediaType: MANIFEST,
        config: { mediaType: config.mediaType, digest: config.digest, size: config.size },
        layers: image.layers.map((l) => ({ mediaType: l.mediaType, digest: l.digest, size: l.size })),
      }),
    );
    await pushManifest(base, repo, "big-config", manifest, MANIFEST);
    const e = await errorOf(resolve(`${host}/${repo}:big-config`));
    expect(e.kind).toBe("LimitExceeded");
    expect(e.message).toBe(
      `the config of ${host}/${repo}:big-config is ${config.size} bytes, more than the 8 MiB basescope accepts.`,
    );
  });

  it("follows indexes nested 4 deep and refuses a fifth", async () => {
    let child = { digest: image.manifestDigest, size: image.manifestBytes.length, mediaType: MANIFEST };
    for (let depth = 1; depth <= 5; depth++) child = await pushIndexOf(`nested-${depth}`, child);
    const ok = await resolve(`${host}/${repo}:nested-4`);
    expect(ok.digest).toBe(image.manifestDigest);
    const e = await errorOf(resolve(`${host}/${repo}:nested-5`));
    expect(e.kind).toBe("UnsupportedMediaType");
    expect(e.message).toBe(`${host}/${repo}:nested-5 nests indexes more than 4 deep.`);
  });

  it("stops reading a manifest past 4 MiB when the registry sends no Content-Length", async () => {
    let sent = 0;
    const p = await startProxy(base, {
      hook: async (req, res) => {
        if (!req.url?.includes("/manifests/") || req.method === "HEAD") return false;
        res.writeHead(200, { "content-type": MANIFEST });
        // 64 MiB in 64 KiB chunks, each waiting for the socket: a client that keeps reading gets them all.
        const chunk = Buffer.alloc(64 << 10, 0x20);
        for (let i = 0; i < 1024 && !res.destroyed; i++) {
          sent += chunk.length;
          if (!res.write(chunk)) await drainedOrClosed(res);
        }
        res.end();
        return true;
      },
    });
    stops.push(p.stop);
    const e = await errorOf(resolve(`${p.host}/${repo}:small`));
    expect(e.kind).toBe("LimitExceeded");
    expect(e.message).toMatch(/is larger than the 4 MiB basescope accepts\.$/);
    expect(sent).toBeLessThan(32 << 20);
  });
});
