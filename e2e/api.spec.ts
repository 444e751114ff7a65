import { expect, test } from "@playwright/test";
import { parse } from "csv-parse/sync";
import { cliJson, fixtureImages, waitForRun } from "./support";

test.describe.configure({ mode: "serial" });

test("a malformed reference is a 400 that says what is wrong", async ({ request }) => {
  const res = await request.post("/api/images", { data: { reference: "Alpine:::3" } });
  expect(res.status()).toBe(400);
  const body = await res.json();
  expect(body.error.kind).toBe("InvalidReference");
  expect(body.error.message).toContain("not a valid image reference");
});

test("a body that is not the expected shape is a 400", async ({ request }) => {
  const res = await request.post("/api/images", { data: { reference: "alpine", source: "ftp" } });
  expect(res.status()).toBe(400);
  expect((await res.json()).error.message).toMatch(/source/);
});

test("registries outside the allow-list are refused with 403", async ({ request }) => {
  const res = await request.post("/api/images", { data: { reference: "registry.example.com/team/app:1" } });
  expect(res.status()).toBe(403);
  expect((await res.json()).error.message).toContain("registry.example.com");
});

test("an unknown tag fails its run with a reason, and no result is listed", async ({ request }) => {
  const { debian } = { debian: fixtureImages()["debian-minbase"] };
  const missing = debian.replace(/:[^:/]+$/, ":no-such-tag");
  const res = await request.post("/api/images", { data: { reference: missing } });
  expect(res.status()).toBe(202);
  const run = await waitForRun(request, (await res.json()).runId);
  expect(run.status).toBe("failed");
  expect(run.error?.kind).toBe("ImageNotFound");
  const list = await (await request.get("/api/images")).json();
  expect(list.items.find((i: { reference: string }) => i.reference.endsWith(":no-such-tag"))).toBeUndefined();
});

test("adding an image runs it to success with the same figures as the CLI, and the CSV says the same", async ({
  request,
}) => {
  const reference = fixtureImages()["apk"];
  const [a, b] = await Promise.all([
    request.post("/api/images", { data: { reference } }),
    request.post("/api/images", { data: { reference } }),
  ]);
  expect(a.status()).toBe(202);
  expect(b.status()).toBe(202);
  const [ja, jb] = [await a.json(), await b.json()];
  expect(jb.runId).toBe(ja.runId); // the same image added twice at once is one run

  const run = await waitForRun(request, ja.runId);
  expect(run.error).toBeNull();
  expect(run.status).toBe("succeeded");

  const list = await (await request.get("/api/images")).json();
  const item = list.items.find((i: { id: string }) => i.id === ja.imageId);
  expect(item).toBeTruthy();
  const cli = cliJson(reference);
  for (const key of [
    "digest",
    "platform",
    "compressedBytes",
    "uncompressedBytes",
    "filesystemBytes",
    "fileCount",
    "wastedBytes",
    "efficiency",
    "user",
    "shell",
  ]) {
    expect(item[key], key).toEqual(cli[key]);
  }
  expect(item.packages.count).toBe((cli.packages as { count: number }).count);
  expect(item.layers.length).toBe((cli.layers as unknown[]).length);

  const detail = await (await request.get(`/api/images/${ja.imageId}`)).json();
  expect(detail.result.packageItems.length).toBe(item.packages.count);
  expect(detail.runs[0].status).toBe("succeeded");

  const csv = await request.get("/api/export.csv");
  expect(csv.headers()["content-type"]).toContain("text/csv");
  const rows = parse(await csv.text(), { columns: true }) as Record<string, string>[];
  const row = rows.find((r) => r.reference === item.reference);
  expect(row).toBeTruthy();
  expect(Number(row!.compressed_bytes)).toBe(item.compressedBytes);
  expect(Number(row!.filesystem_bytes)).toBe(item.filesystemBytes);
  expect(Number(row!.packages)).toBe(item.packages.count);
  for (const col of [
    "reference",
    "platform",
    "digest",
    "uncompressed_bytes",
    "layers",
    "package_manager",
    "os",
    "libc",
    "shell",
    "java_version",
    "user",
    "wasted_bytes",
    "efficiency",
    "analyzed_at",
  ]) {
    expect(Object.keys(row!)).toContain(col);
  }

  const pk = parse(await (await request.get(`/api/export.csv?kind=packages&ids=${ja.imageId}`)).text(), {
    columns: true,
  }) as Record<string, string>[];
  expect(pk.length).toBe(item.packages.count);
});

test("a queued run can be cancelled", async ({ request }) => {
  const reference = fixtureImages()["distroless"];
  const res = await request.post("/api/images", { data: { reference, platform: "linux/amd64" } });
  const { runId } = await res.json();
  const cancel = await request.post(`/api/runs/${runId}/cancel`);
  expect(cancel.status()).toBe(202);
  const run = await waitForRun(request, runId);
  // It may have finished before the cancel arrived; it must never be left running.
  expect(["cancelled", "succeeded"]).toContain(run.status);
});

test("run events stream as Server-Sent Events until the run ends", async ({ request }) => {
  const reference = fixtureImages()["debian-minbase"];
  const { runId } = await (await request.post("/api/images", { data: { reference } })).json();
  const res = await request.get(`/api/runs/${runId}/events`, { timeout: 120_000 });
  expect(res.headers()["content-type"]).toContain("text/event-stream");
  const events = (await res.text()).split("\n\n").filter((e) => e.startsWith("event: status"));
  const last = JSON.parse(events[events.length - 1].split("data: ")[1]);
  expect(last.status).toBe("succeeded");
  expect(last.progress).toBe(1);
});
