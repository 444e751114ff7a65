import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TakeResult } from "../security/rate-limit";
import { openTestDb, type TestDb } from "../../scripts/test-support/test-db";

/**
 * The add limit's buckets live in the database: another server process on the same file (here a child
 * process, which is also what a restarted server is) draws on the same budget, and two processes racing
 * for the last tokens cannot both get them.
 */
const dir = mkdtempSync(path.join(os.tmpdir(), "bs-rate-buckets-"));
const databaseUrl = `file:${path.join(dir, "buckets.db")}`;
let db: TestDb;
let takeRateToken: typeof import("./rate-buckets").takeRateToken;

beforeAll(async () => {
  process.env.DATABASE_URL = databaseUrl;
  db = await openTestDb();
  ({ takeRateToken } = await import("./rate-buckets"));
});

afterAll(async () => {
  await db?.prisma.$disconnect();
  rmSync(dir, { recursive: true, force: true });
});

/**
 * `n` takes from another process running the server's data-access module, as `npm start` loads it, one
 * after another once it is loaded, and when the first and the last were made. `onReady` runs when it
 * starts taking.
 */
async function takesInOtherProcess(
  key: string,
  limit: object,
  n: number,
  onReady: () => void = () => {},
): Promise<{ results: TakeResult[]; from: number; to: number }> {
  const script = `
    const { takeRateToken } = await import("./lib/db/rate-buckets.ts");
    console.log("ready");
    const results = [];
    const from = Date.now();
    for (let i = 0; i < ${n}; i++) results.push(await takeRateToken(${JSON.stringify(key)}, ${JSON.stringify(limit)}));
    console.log(JSON.stringify({ results, from, to: Date.now() }));
  `;
  const child = spawn(
    process.execPath,
    ["--conditions=react-server", "--import", "tsx", "--input-type=module", "-e", script],
    { env: { ...process.env, DATABASE_URL: databaseUrl }, stdio: ["ignore", "pipe", "inherit"] },
  );
  let out = "";
  child.stdout.on("data", (chunk: Buffer) => {
    if (!out.includes("ready") && `${out}${chunk}`.includes("ready")) onReady();
    out += chunk;
  });
  const code = await new Promise((resolve) => child.once("close", resolve));
  expect(code).toBe(0);
  return JSON.parse(out.trim().split("\n").at(-1)!) as { results: TakeResult[]; from: number; to: number };
}

describe("rate buckets in the database", () => {
  it("share one budget between processes and keep it across a restart", async () => {
    const limit = { count: 3, windowMs: 60_000 };
    expect(await takeRateToken("add:peer:203.0.113.1", limit)).toEqual({ ok: true });
    expect(await takeRateToken("add:peer:203.0.113.1", limit)).toEqual({ ok: true });
    const other = (await takesInOtherProcess("add:peer:203.0.113.1", limit, 2)).results;
    expect(other.filter((r) => r.ok)).toHaveLength(1);
    expect(other.find((r) => !r.ok)).toMatchObject({ ok: false, retryAfterSeconds: expect.any(Number) });
    expect((await takeRateToken("add:peer:203.0.113.1", limit)).ok).toBe(false);
    expect((await takeRateToken("add:peer:203.0.113.2", limit)).ok).toBe(true);
  });

  it("never give out more tokens than the bucket holds while two processes take at the same time", async () => {
    const limit = { count: 200, windowMs: 3_600_000 };
    let started!: () => void;
    const ready = new Promise<void>((resolve) => (started = resolve));
    const there = takesInOtherProcess("add:race", limit, 150, started);
    await ready;
    const here: TakeResult[] = [];
    const from = Date.now();
    for (let i = 0; i < 150; i++) here.push(await takeRateToken("add:race", limit));
    const to = Date.now();
    const other = await there;
    // The two series of takes overlapped in time, so this was a race...
    expect(from < other.to && other.from < to).toBe(true);
    // ...and together they got exactly the 200 there were (a few seconds earn back far less than one).
    expect([...here, ...other.results].filter((r) => r.ok)).toHaveLength(200);
  });

  it("forget buckets idle for a whole window, which are full again anyway", async () => {
    const limit = { count: 1, windowMs: 1000 };
    const t = Date.now();
    await takeRateToken("add:idle", limit, t);
    expect(await db.prisma.rateBucket.count({ where: { key: "add:idle" } })).toBe(1);
    expect((await takeRateToken("add:idle", limit, t + 10)).ok).toBe(false);
    await takeRateToken("add:someone-else", limit, t + 5000);
    expect(await db.prisma.rateBucket.count({ where: { key: "add:idle" } })).toBe(0);
    expect((await takeRateToken("add:idle", limit, t + 5001)).ok).toBe(true);
  });
});
