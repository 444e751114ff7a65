import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { expect, type APIRequestContext } from "@playwright/test";

export function fixtureImages(): Record<string, string> {
  return JSON.parse(readFileSync("/tmp/basescope-e2e-fixtures.json", "utf8")) as Record<string, string>;
}

export type RunJson = {
  status: string;
  phase: string | null;
  progress: number;
  error: { kind: string; message: string } | null;
  imageId: string;
};

/** Polls a run until it is no longer queued or running. */
export async function waitForRun(
  request: APIRequestContext,
  runId: string,
  timeoutMs = 90_000,
): Promise<RunJson> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const res = await request.get(`/api/runs/${runId}`);
    expect(res.status()).toBe(200);
    const run = (await res.json()) as RunJson;
    if (run.status !== "queued" && run.status !== "running") return run;
    if (Date.now() > deadline)
      throw new Error(`run ${runId} still ${run.status} (${run.phase}) after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 300));
  }
}

/** The CLI's JSON for the same image: the API must report the very same figures. */
export function cliJson(reference: string): Record<string, unknown> {
  const out = execFileSync(
    "npm",
    ["run", "--silent", "cli", "--", "analyze", reference, "--json", "--no-cache"],
    {
      encoding: "utf8",
      env: { ...process.env, CACHE_DIR: "/tmp/basescope-e2e-cli-cache" },
      maxBuffer: 64 * 1024 * 1024,
    },
  );
  return JSON.parse(out) as Record<string, unknown>;
}
