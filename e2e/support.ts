import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { expect, type APIRequestContext } from "@playwright/test";
import type { Locator, Page } from "@playwright/test";

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

export type ImageItem = {
  id: string;
  reference: string;
  platform: string;
  compressedBytes: number;
  filesystemBytes: number;
  uncompressedBytes: number;
  shell: string | null;
  libc: { kind: string; version: string | null };
  packages: { count: number };
  layers: { digest: string; compressedBytes: number }[];
};

/** Queues an image through the API and waits for its run; for images a test needs but does not add itself. */
export async function addViaApi(request: APIRequestContext, reference: string): Promise<string> {
  const res = await request.post("/api/images", { data: { reference } });
  expect(res.status()).toBe(202);
  const { runId, imageId } = (await res.json()) as { runId: string; imageId: string };
  const run = await waitForRun(request, runId);
  expect(run.status, run.error?.message).toBe("succeeded");
  return imageId;
}

export async function listItems(request: APIRequestContext): Promise<ImageItem[]> {
  return ((await (await request.get("/api/images")).json()) as { items: ImageItem[] }).items;
}

const UNIT_POWER: Record<string, [number, number]> = {
  B: [1000, 0],
  kB: [1000, 1],
  MB: [1000, 2],
  GB: [1000, 3],
  KiB: [1024, 1],
  MiB: [1024, 2],
  GiB: [1024, 3],
};

/**
 * Reads a size as shown ("12.3 MB", "≈1.61 MiB") back into bytes and the half-step of its last digit, so a
 * test can check it against exact bytes without reusing the app's formatter.
 */
export function parseShownBytes(text: string): { bytes: number; tolerance: number; unit: string } {
  const m = /([\d.]+)\s*(B|kB|MB|GB|KiB|MiB|GiB)\b/.exec(text);
  if (!m) throw new Error(`no size in "${text}"`);
  const [base, power] = UNIT_POWER[m[2]];
  const decimals = m[1].split(".")[1]?.length ?? 0;
  const scale = base ** power;
  return { bytes: Number(m[1]) * scale, tolerance: (0.5 * scale) / 10 ** decimals, unit: m[2] };
}

/** "1,611,452 bytes" → 1611452 */
export function parseExactBytes(title: string): number {
  const m = /([\d,]+) bytes?/.exec(title);
  if (!m) throw new Error(`no exact bytes in "${title}"`);
  return Number(m[1].replace(/,/g, ""));
}

export type ImageDetail = {
  result: Omit<ImageItem, "layers"> & {
    layers: { digest: string; compressedBytes: number; createdBy: string | null }[];
    packageItems: { name: string }[];
    largestFiles: { path: string; bytes: number }[];
  };
};

/** The cells of a table row by column heading, so a reordered column does not read the wrong figure. */
export async function cell(table: Locator, row: Locator, heading: string): Promise<Locator> {
  await expect(row).toHaveCount(1);
  const headings = (await table.locator("thead th").allInnerTexts()).map((h) => h.trim());
  const index = headings.findIndex((h) => h.startsWith(heading));
  expect(index, `column ${heading} in ${headings.join(" | ")}`).toBeGreaterThanOrEqual(0);
  return row.locator(":scope > th, :scope > td").nth(index);
}

export function rowOf(table: Locator, id: string): Locator {
  return table.locator("tbody tr").filter({ has: table.page().locator(`a[href="/images/${id}"]`) });
}

/** A shown size must be the exact byte count rounded, and its hover title the exact count itself. */
export async function expectBytes(shown: Locator, bytes: number) {
  const text = (await shown.innerText()).trim();
  const { bytes: approx, tolerance } = parseShownBytes(text);
  expect(Math.abs(approx - bytes), `${text} vs ${bytes} bytes`).toBeLessThanOrEqual(tolerance);
  const title =
    (await shown.getAttribute("title")) ?? (await shown.locator("[title]").first().getAttribute("title"));
  expect(parseExactBytes(title ?? "")).toBe(bytes);
}

export async function expectNoHorizontalOverflow(page: Page) {
  const width = await page.evaluate(() => document.scrollingElement!.scrollWidth);
  expect(width, `page is ${width}px wide`).toBeLessThanOrEqual(391);
}
