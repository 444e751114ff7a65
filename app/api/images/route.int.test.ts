import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

/**
 * POST /api/images through its real handler and a SQLite database of the test's own: the per-client
 * add limit answers 429 with Retry-After once a client's burst is spent, and other clients are unaffected.
 */
const dir = mkdtempSync(path.join(os.tmpdir(), "bs-add-limit-"));
const registry = process.env.BASESCOPE_TEST_REGISTRY ?? "127.0.0.1:5731";
let POST: (req: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;

beforeAll(async () => {
  process.env.DATABASE_URL = `file:${path.join(dir, "test.db")}`;
  process.env.ADD_RATE_LIMIT = "3/1m";
  process.env.ALLOWED_REGISTRIES = registry;
  execFileSync("bash", ["scripts/prisma.sh", "migrate", "deploy"], { env: process.env, stdio: "ignore" });
  ({ POST } = await import("./route"));
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

const add = (peer: string, tag: string) =>
  POST(
    new Request("http://localhost/api/images", {
      method: "POST",
      headers: { "content-type": "application/json", "x-basescope-peer": peer },
      body: JSON.stringify({ reference: `${registry}/basescope-test/limit:${tag}` }),
    }),
    { params: Promise.resolve({}) },
  );

describe("POST /api/images rate limit", () => {
  it("lets a client add its burst, then answers 429 with Retry-After and a plain message", async () => {
    for (const tag of ["a", "b", "c"]) expect((await add("127.0.0.1", tag)).status).toBe(202);
    const refused = await add("127.0.0.1", "d");
    expect(refused.status).toBe(429);
    // 3 per minute: one more is earned after 20 s.
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThanOrEqual(19);
    expect(Number(refused.headers.get("retry-after"))).toBeLessThanOrEqual(20);
    const body = (await refused.json()) as { error: { kind: string; message: string } };
    expect(body.error.kind).toBe("RateLimited");
    expect(body.error.message).toMatch(
      /^Too many images added: at most 3 per minute from one client\. Try again in/,
    );
  });

  it("counts IPv4-mapped and plain forms of one address as the same client, and others apart", async () => {
    expect((await add("::ffff:127.0.0.1", "e")).status).toBe(429);
    expect((await add("127.0.0.2", "e")).status).toBe(202);
  });
});

describe("POST /api/images allow-list", () => {
  const post = (body: object) =>
    POST(
      new Request("http://localhost/api/images", {
        method: "POST",
        headers: { "content-type": "application/json", "x-basescope-peer": "127.0.0.9" },
        body: JSON.stringify(body),
      }),
      { params: Promise.resolve({}) },
    );

  it("refuses unlisted registries for the Docker source too: the engine would pull from them", async () => {
    for (const source of ["registry", "docker"]) {
      const res = await post({ reference: "registry.example.com/team/app:1", source });
      expect(res.status).toBe(403);
      expect(((await res.json()) as { error: { message: string } }).error.message).toContain(
        "registry.example.com",
      );
    }
  });
});
