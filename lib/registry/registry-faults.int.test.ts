import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseReference } from "../reference";
import { createRegistrySource, fetchManifestInfo } from "./index";
import { digestScanner } from "./test-support/digest-scanner";
import { pushImage, type PushedImage } from "./test-support/image-builder";
import { startProxy, startServer, type ProxyHandle } from "./test-support/proxy";
import { freePort } from "./test-support/registry-process";
import { errorOf } from "../../scripts/test-support/error-of";

/**
 * Faults a healthy registry will not produce on demand, made by small proxies of the test's own in front of
 * the real shared test registry (whose storage stays untouched).
 */
const upstreamHost = process.env.BASESCOPE_TEST_REGISTRY ?? "127.0.0.1:5731";
const upstream = `http://${upstreamHost}`;
const repo = `basescope-test/faults-${Date.now().toString(36)}`;
let image: PushedImage;
const proxies: { stop(): Promise<void> }[] = [];
let dir: string;

async function proxy(opts: Parameters<typeof startProxy>[1]): Promise<ProxyHandle> {
  const p = await startProxy(upstream, opts);
  proxies.push(p);
  return p;
}

const analyze = (host: string, opts: Parameters<typeof createRegistrySource>[1] = {}) =>
  createRegistrySource(parseReference(`${host}/${repo}:1`), {
    dockerConfigPath: path.join(dir, "none.json"),
    ...opts,
  }).analyze(digestScanner(), {});

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), "bs-faults-"));
  image = await pushImage(upstream, repo, "1", {
    layers: [{ a: "first layer ".repeat(500) }, { b: "second layer ".repeat(800) }],
  });
});

afterAll(async () => {
  for (const p of proxies) await p.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe("corrupted bytes", () => {
  // Byte 4 is the gzip header's mtime: gunzip still succeeds, so only the digest check can notice.
  const flip = (b: Buffer) => {
    const copy = Buffer.from(b);
    copy[4] ^= 0xff;
    return copy;
  };

  it("fails a layer whose bytes do not match its digest with DigestMismatch", async () => {
    const p = await proxy({
      rewrite: (url, body) => (url.endsWith(`/blobs/${image.layers[1].digest}`) ? flip(body) : body),
    });
    const e = await errorOf(analyze(p.host));
    expect(e.kind).toBe("DigestMismatch");
    expect(e.message).toContain(image.layers[1].digest);
  });

  it("fails a tampered config and a tampered manifest", async () => {
    const c = await proxy({
      rewrite: (url, body) =>
        url.endsWith(`/blobs/${image.configBlob.digest}`) ? Buffer.concat([body, Buffer.from(" ")]) : body,
    });
    expect((await errorOf(analyze(c.host))).kind).toBe("DigestMismatch");
    const m = await proxy({
      rewrite: (url, body) => (url.includes("/manifests/") ? Buffer.concat([body, Buffer.from("\n")]) : body),
    });
    const e = await errorOf(analyze(m.host));
    expect(e.kind).toBe("DigestMismatch");
    expect(e.message).toContain(image.manifestDigest);
  });
});

describe("redirects", () => {
  it("follows a blob redirect to another host without sending Authorization there", async () => {
    const cdnSeen: (string | undefined)[] = [];
    const cdn = await startServer(async (req, res) => {
      cdnSeen.push(req.headers.authorization);
      const digest = (req.url ?? "").split("/").pop();
      const blob = await fetch(`${upstream}/v2/${repo}/blobs/${digest}`);
      res.writeHead(200, { "content-type": "application/octet-stream" });
      res.end(Buffer.from(await blob.arrayBuffer()));
    });
    proxies.push(cdn);
    const expected = `Basic ${Buffer.from("u:pw").toString("base64")}`;
    const p = await proxy({
      hook: (req, res) => {
        if (req.headers.authorization !== expected) {
          res.writeHead(401, { "www-authenticate": 'Basic realm="proxy"' }).end();
          return true;
        }
        const m = /\/blobs\/(sha256:[a-f0-9]+)$/.exec(req.url ?? "");
        if (m && m[1] !== image.configBlob.digest) {
          res.writeHead(307, { location: `http://127.0.0.1:${cdn.port}/cdn/${m[1]}` }).end();
          return true;
        }
        return false;
      },
    });
    const dockerConfigPath = path.join(dir, "redirect.json");
    writeFileSync(
      dockerConfigPath,
      JSON.stringify({ auths: { [p.host]: { auth: Buffer.from("u:pw").toString("base64") } } }),
    );
    const { scans } = await analyze(p.host, { dockerConfigPath });
    expect(scans.map((s) => s.digest)).toEqual(image.layers.map((l) => l.digest));
    expect(cdnSeen).toHaveLength(image.layers.length);
    expect(cdnSeen.every((a) => a === undefined)).toBe(true);
    expect(
      p.seen.filter((s) => /\/blobs\/sha256/.test(s.url)).every((s) => s.authorization === expected),
    ).toBe(true);
  });
});

describe("registry answers", () => {
  it("maps 429 to RateLimited with Retry-After", async () => {
    const p = await proxy({
      hook: (req, res) => {
        if (!req.url?.includes("/manifests/")) return false;
        res.writeHead(429, {
          "retry-after": "7",
          "ratelimit-limit": "100;w=21600",
          "ratelimit-remaining": "0;w=21600",
          "content-type": "application/json",
        });
        res.end(
          JSON.stringify({
            errors: [{ code: "TOOMANYREQUESTS", message: "You have reached your pull rate limit." }],
          }),
        );
        return true;
      },
    });
    const e = await errorOf(analyze(p.host));
    expect(e.kind).toBe("RateLimited");
    expect(e.retryAfterSeconds).toBe(7);
    expect(e.transient).toBe(true);
    expect(e.message).toContain("Try again in 7 s");
  });

  it("reports the rate-limit allowance as a note", async () => {
    const p = await proxy({
      extraHeaders: (url): Record<string, string> =>
        url.includes("/manifests/")
          ? { "ratelimit-limit": "100;w=21600", "ratelimit-remaining": "42;w=21600" }
          : {},
    });
    const { image: resolved } = await analyze(p.host);
    expect(resolved.notes).toContain("Registry pull allowance: 42 of 100 pulls left per 6 h.");
  });

  it("maps a 5xx blob answer to a transient RegistryError", async () => {
    const p = await proxy({
      hook: (req, res) => {
        if (!req.url?.endsWith(image.layers[0].digest)) return false;
        res.writeHead(503).end("maintenance");
        return true;
      },
    });
    const e = await errorOf(analyze(p.host));
    expect(e.kind).toBe("RegistryError");
    expect(e.transient).toBe(true);
  });

  it("refuses schema 1 manifests and oversized ones", async () => {
    const s1 = await proxy({
      hook: (req, res) => {
        if (!req.url?.includes("/manifests/")) return false;
        res
          .writeHead(200, { "content-type": "application/vnd.docker.distribution.manifest.v1+prettyjws" })
          .end(req.method === "HEAD" ? undefined : '{"schemaVersion":1}');
        return true;
      },
    });
    const e1 = await errorOf(analyze(s1.host));
    expect(e1.kind).toBe("UnsupportedMediaType");
    expect(e1.message).toMatch(/schema 1/);
    const big = await proxy({
      hook: (req, res) => {
        if (!req.url?.includes("/manifests/") || req.method === "HEAD") return false;
        res.writeHead(200, { "content-type": "application/vnd.oci.image.manifest.v1+json" });
        res.end(Buffer.alloc(5 << 20, 0x20));
        return true;
      },
    });
    expect((await errorOf(analyze(big.host))).kind).toBe("LimitExceeded");
  });
});

describe("network failures", () => {
  it("maps a closed port to RegistryUnreachable", async () => {
    const port = await freePort();
    const e = await errorOf(fetchManifestInfo(parseReference(`127.0.0.1:${port}/x/y:1`)));
    expect(e.kind).toBe("RegistryUnreachable");
    expect(e.message).toMatch(
      new RegExp(`^Cannot reach registry 127\\.0\\.0\\.1:${port}: the connection was refused`),
    );
  });

  it("gives up on a blob that stops flowing", async () => {
    const target = image.layers[1];
    const p = await proxy({
      hook: (req, res) => {
        if (!req.url?.endsWith(target.digest)) return false;
        res.writeHead(200, { "content-length": String(target.size) });
        res.write(target.bytes.subarray(0, 100));
        return true;
      },
    });
    const started = Date.now();
    const e = await errorOf(analyze(p.host, { idleTimeoutMs: 400 }));
    expect(e.kind).toBe("RegistryUnreachable");
    expect(e.message).toMatch(/stopped sending layer 2/);
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it("gives up on a registry that accepts connections but never answers", async () => {
    const silent = await startServer(() => undefined);
    proxies.push(silent);
    const e = await errorOf(
      fetchManifestInfo(parseReference(`127.0.0.1:${silent.port}/x/y:1`), undefined, {
        connectTimeoutMs: 300,
      }),
    );
    expect(e.kind).toBe("RegistryUnreachable");
    expect(e.message).toMatch(/no answer within 0.3 s/);
  });
});
