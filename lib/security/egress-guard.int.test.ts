import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { analyzeImage } from "../analysis/analyze";
import { pushImage, type PushedImage } from "../registry/test-support/image-builder";
import { startProxy, startServer, type ProxyHandle } from "../registry/test-support/proxy";
import { createEgressGuard } from "./egress-guard";
import { errorOf } from "../../scripts/test-support/error-of";

/**
 * The guard on the real registry client: a front of the test's own (listed, like a registry operators
 * allow) answers manifests itself but redirects blobs, as registries do to their CDNs, to another loopback
 * host: the shared test registry. Unless that host is listed too, the analysis stops before fetching it.
 */
const upstreamHost = process.env.BASESCOPE_TEST_REGISTRY ?? "127.0.0.1:5731";
const upstreamPort = upstreamHost.split(":")[1];
const repo = `basescope-test/egress-${Date.now().toString(36)}`;
const stops: (() => Promise<void>)[] = [];
let image: PushedImage;
let dir: string;

async function front(blobTarget: string): Promise<ProxyHandle> {
  const p = await startProxy(`http://${upstreamHost}`, {
    hook: (req, res) => {
      if (!req.url?.includes("/blobs/")) return false;
      res.writeHead(307, { location: `http://${blobTarget}${req.url}` }).end();
      return true;
    },
  });
  stops.push(p.stop);
  return p;
}

const run = (host: string, allowed?: string[]) =>
  analyzeImage(
    { reference: `${host}/${repo}:1`, source: "registry" },
    { egress: allowed ? createEgressGuard({ allowed }) : undefined },
  );

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), "bs-egress-"));
  // No credentials from the machine's Docker config reach these servers.
  process.env.DOCKER_CONFIG = dir;
  image = await pushImage(`http://${upstreamHost}`, repo, "1", { layers: [{ "etc/hello": "hello\n" }] });
});

afterAll(async () => {
  for (const stop of stops) await stop();
  rmSync(dir, { recursive: true, force: true });
});

describe("redirects under the server's egress guard", () => {
  it("refuses a blob redirect to a loopback address that is not listed", async () => {
    const p = await front(upstreamHost);
    const e = await errorOf(run(p.host, [p.host]));
    expect(e.kind).toBe("NotAllowed");
    expect(e.message).toContain(`will not contact ${upstreamHost} for registry ${p.host}`);
    // The config is the first blob: its redirect was refused, so the layer was never asked for.
    expect(p.seen.filter((r) => r.url.includes(image.configBlob.digest))).toHaveLength(1);
    expect(p.seen.filter((r) => r.url.includes(image.layers[0].digest))).toHaveLength(0);
  });

  it("refuses a redirect to a name that resolves to loopback (localhost, from /etc/hosts)", async () => {
    const p = await front(`localhost:${upstreamPort}`);
    const e = await errorOf(run(p.host, [p.host, upstreamHost]));
    expect(e.kind).toBe("NotAllowed");
    expect(e.message).toContain(`localhost:${upstreamPort}`);
  });

  it("follows the same redirect when its target is listed, and always for the CLI (no guard)", async () => {
    const p = await front(upstreamHost);
    for (const result of [await run(p.host, [p.host, upstreamHost]), await run(p.host)]) {
      expect(result.digest).toBe(image.manifestDigest);
      expect(result.layers.map((l) => l.digest)).toEqual([image.layers[0].digest]);
      expect(result.fileCount).toBeGreaterThanOrEqual(1);
    }
  });

  it("refuses a token realm on an unlisted loopback address before asking it for a token", async () => {
    const realmHits: string[] = [];
    const realm = await startServer((req, res) => {
      realmHits.push(req.url ?? "");
      res.writeHead(200, { "content-type": "application/json" }).end('{"token":"t"}');
    });
    stops.push(realm.stop);
    const registry = await startServer((_req, res) => {
      res
        .writeHead(401, {
          "www-authenticate": `Bearer realm="http://127.0.0.1:${realm.port}/token",service="x"`,
          "content-type": "application/json",
        })
        .end('{"errors":[{"code":"UNAUTHORIZED"}]}');
    });
    stops.push(registry.stop);
    const host = `127.0.0.1:${registry.port}`;
    const e = await errorOf(run(host, [host]));
    expect(e.kind).toBe("NotAllowed");
    expect(e.message).toContain(`127.0.0.1:${realm.port}`);
    expect(realmHits).toEqual([]);
  });

  it("reaches a listed name through the guard's own name resolution", async () => {
    const host = `localhost:${upstreamPort}`;
    const result = await run(host, [host]);
    expect(result.digest).toBe(image.manifestDigest);
  });

  it("connects only to the address it checked, so a name that rebinds to loopback reaches nothing", async () => {
    const hits: string[] = [];
    const target = await startServer((req, res) => {
      hits.push(req.url ?? "");
      res.writeHead(404).end();
    });
    stops.push(target.stop);
    // A rebinding name: public when the guard checks the URL, loopback when asked again right after. The
    // system resolver says loopback for localhost, so an HTTP client resolving by itself would connect.
    let answers = 0;
    const egress = createEgressGuard({
      allowed: [],
      lookupAll: async () => (answers++ % 2 === 0 ? ["93.184.216.34"] : ["127.0.0.1"]),
    });
    const e = await errorOf(
      analyzeImage({ reference: `localhost:${target.port}/team/app:1`, source: "registry" }, { egress }),
    );
    expect(e.kind).toBe("NotAllowed");
    expect(e.message).toContain("will not contact localhost");
    // Every URL check passed (odd answers); the refusals came from the connections' own lookups.
    expect(answers).toBeGreaterThanOrEqual(2);
    expect(hits).toEqual([]);
  });
});
