import { readFileSync } from "node:fs";
import { expect, test } from "@playwright/test";
import { parse } from "csv-parse/sync";
import {
  addViaApi,
  cell,
  expectBytes,
  expectNoHorizontalOverflow,
  fixtureImages,
  listItems,
  parseShownBytes,
  rowOf,
  type ImageDetail,
} from "./support";

// One person's session, in order: the images added through the form are the ones read, compared and
// exported later. The shared e2e database may hold other images too, so rows are found by id.
test.describe.configure({ mode: "serial" });

const ARTIFACTS = "e2e/artifacts";
const ids: Record<string, string> = {};

test("the add form flags a malformed reference as you type and shows the server's refusal", async ({
  page,
}) => {
  await page.goto("/add");
  const input = page.getByLabel("Image reference");
  const submit = page.getByRole("button", { name: "Benchmark", exact: true });
  await expect(submit).toBeDisabled();

  await input.pressSequentially("Alpine:::3");
  await expect(input).toHaveAttribute("aria-invalid", "true");
  await expect(input).toHaveAccessibleDescription(/not a valid image reference/);
  await expect(submit).toBeDisabled();

  await input.fill("registry.example.com/team/app:1");
  await expect(input).toHaveAttribute("aria-invalid", "false");
  await expect(submit).toBeEnabled();
  await submit.click();
  await expect(page.locator("#reference-error")).toContainText("registry.example.com");
  await expect(page.locator("#reference-error")).toContainText("not allowed");
  await expect(input).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByRole("progressbar")).toHaveCount(0);
});

test("adding fixture images through the form shows progress to the end and links to the result", async ({
  page,
}) => {
  const fx = fixtureImages();
  await page.goto("/add");
  for (const name of ["apk", "java"]) {
    const reference = fx[name];
    await page.getByLabel("Image reference").fill(reference);
    await page.getByRole("button", { name: "Benchmark", exact: true }).click();
    const bar = page.getByRole("progressbar", { name: new RegExp(reference.replace(/[.:/]/g, "\\$&")) });
    await expect(bar).toBeVisible();
    if (name === "java") await page.screenshot({ path: `${ARTIFACTS}/add-progress.png`, fullPage: true });

    const link = page.getByRole("link", { name: `See the result for ${reference}` });
    const seen: number[] = [];
    const deadline = Date.now() + 90_000;
    while (!(await link.isVisible()) && Date.now() < deadline) {
      const now = await bar.getAttribute("aria-valuenow", { timeout: 1_000 }).catch(() => null);
      if (now !== null) seen.push(Number(now));
      if (await page.getByText(`The benchmark of ${reference} failed.`).isVisible()) break;
      await page.waitForTimeout(100);
    }
    await expect(link).toBeVisible({ timeout: 90_000 });
    await expect(bar).toHaveAttribute("aria-valuenow", "100");
    // The bar only moves forward.
    expect(seen).toEqual([...seen].sort((a, b) => a - b));
    ids[name] = (await link.getAttribute("href"))!.split("/").pop()!;
  }
  await page.getByRole("link", { name: `See the result for ${fx.java}` }).click();
  await expect(page).toHaveURL(new RegExp(`/images/${ids.java}$`));
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(fx.java);
});

test("the overview shows the image in the sizing table, the charts and the criteria matrix", async ({
  page,
  request,
}) => {
  const item = (await listItems(request)).find((i) => i.id === ids.apk)!;
  expect(item).toBeTruthy();
  await page.goto("/");

  const sizing = page.getByRole("table", { name: /^Sizing comparison/ });
  const row = rowOf(sizing, item.id);
  await expect(row).toHaveCount(1);
  await expectBytes(await cell(sizing, row, "Compressed"), item.compressedBytes);
  await expectBytes(await cell(sizing, row, "On disk"), item.filesystemBytes);
  await expect(await cell(sizing, row, "Layers")).toHaveText(String(item.layers.length));
  await expect(await cell(sizing, row, "Packages")).toContainText(String(item.packages.count));

  const chart = page.getByRole("figure", { name: "Compressed and on-disk size per image" });
  await expect(chart.locator("svg").first()).toBeVisible();
  await chart.getByText("Show the numbers").click();
  const numbers = chart.getByRole("table");
  const chartRow = numbers.getByRole("row").filter({
    has: page.getByRole("rowheader", { name: item.reference, exact: true }),
  });
  const shownInTable = (await (await cell(sizing, row, "Compressed")).innerText()).trim();
  await expect(chartRow.getByRole("cell").first()).toHaveText(shownInTable);

  const criteria = page.getByRole("table", { name: "Base image criteria per image" });
  const criteriaRow = rowOf(criteria, item.id);
  await expect(criteriaRow).toHaveCount(1);
  await expect(await cell(criteria, criteriaRow, "libc")).toContainText(item.libc.kind);
  await expect(await cell(criteria, criteriaRow, "Shell")).toContainText(item.shell ?? "no shell");
  await expect(await cell(criteria, criteriaRow, "Packages")).toHaveText(String(item.packages.count));

  // At a laptop's 1280 px every column of the sizing table is in view, without scrolling sideways.
  expect(page.viewportSize()?.width).toBe(1280);
  const hidden = await sizing.evaluate((t) => t.parentElement!.scrollWidth - t.parentElement!.clientWidth);
  expect(hidden).toBeLessThanOrEqual(0);

  await page.screenshot({ path: `${ARTIFACTS}/overview.png`, fullPage: true });
  await page.emulateMedia({ colorScheme: "dark" });
  await page.screenshot({ path: `${ARTIFACTS}/overview-dark.png`, fullPage: true });
});

test("the detail page shows the figures, each layer's command, searchable packages and largest files", async ({
  page,
  request,
}) => {
  const { result } = (await (await request.get(`/api/images/${ids.java}`)).json()) as ImageDetail;
  await page.goto(`/images/${ids.java}`);

  const stat = (label: string) =>
    page.locator("dl > div").filter({ has: page.locator("dt", { hasText: new RegExp(`^${label}$`) }) });
  await expectBytes(stat("Compressed").locator("dd").first(), result.compressedBytes);
  await expectBytes(stat("On disk").locator("dd").first(), result.filesystemBytes);
  await expect(stat("Layers").locator("dd").first()).toHaveText(String(result.layers.length));
  await expect(stat("Packages").locator("dd").first()).toHaveText(String(result.packages.count));

  const layers = page.getByRole("table", { name: "Layers in build order" });
  await expect(layers.locator("tbody tr")).toHaveCount(result.layers.length);
  for (const [i, layer] of result.layers.entries()) {
    const row = layers.locator("tbody tr").nth(i);
    expect(layer.createdBy).toBeTruthy();
    // The shown command drops shell and BuildKit decoration but keeps the step's main argument.
    const longest = layer.createdBy!.split(/\s+/).reduce((a, b) => (b.length > a.length ? b : a));
    await expect(await cell(layers, row, "Created by")).toContainText(longest);
    await expectBytes(await cell(layers, row, "Compressed"), layer.compressedBytes);
  }

  const packages = page.getByRole("table", { name: "Installed packages" });
  const total = result.packageItems.length;
  expect(total).toBeGreaterThan(10);
  const search = page.getByRole("searchbox", { name: "Filter Installed packages" });
  const shown = search.locator("xpath=following-sibling::span[1]");
  await expect(shown).toHaveText(`${total} rows`);
  await search.fill("libc6");
  await expect(shown).toHaveText(new RegExp(`^\\d+ of ${total} rows$`));
  const count = Number((await shown.innerText()).split(" ")[0]);
  expect(count).toBeGreaterThan(0);
  expect(count).toBeLessThan(total);
  await expect(packages.locator("tbody tr")).toHaveCount(count);
  await expect(packages.getByRole("rowheader", { name: "libc6", exact: true })).toBeVisible();
  await search.fill("");

  const largest = page.getByRole("table", { name: "Largest files in the image" });
  const biggest = [...result.largestFiles].sort((a, b) => b.bytes - a.bytes)[0];
  const first = largest.locator("tbody tr").first();
  // Shown as inside a container: absolute, with a single leading slash.
  await expect(first.getByRole("rowheader")).toHaveText(`/${biggest.path.replace(/^\/+/, "")}`);
  await expectBytes(await cell(largest, first, "Size"), biggest.bytes);

  await page.screenshot({ path: `${ARTIFACTS}/detail.png`, fullPage: true });
  await page.emulateMedia({ colorScheme: "dark" });
  await page.screenshot({ path: `${ARTIFACTS}/detail-dark.png`, fullPage: true });
});

test("two images picked in the sizing table compare side by side with their shared base layer", async ({
  page,
  request,
}) => {
  const fx = fixtureImages();
  ids.debian = await addViaApi(request, fx["debian-minbase"]);
  const items = await listItems(request);
  const debian = items.find((i) => i.id === ids.debian)!;
  const java = items.find((i) => i.id === ids.java)!;
  expect(java.layers[0].digest).toBe(debian.layers[0].digest);

  await page.goto("/");
  const sizing = page.getByRole("table", { name: /^Sizing comparison/ });
  await expect(page.locator('[aria-disabled="true"]', { hasText: "Compare" })).toBeVisible();
  await rowOf(sizing, debian.id).getByRole("checkbox").check();
  await rowOf(sizing, java.id).getByRole("checkbox").check();
  await page.getByRole("link", { name: "Compare 2" }).click();
  await expect(page).toHaveURL(/\/compare\?ids=/);

  const side = page.getByRole("table", { name: /^Side-by-side comparison/ });
  const heads = side.getByRole("columnheader");
  await expect(heads.filter({ hasText: debian.reference })).toHaveCount(1);
  await expect(heads.filter({ hasText: java.reference })).toHaveCount(1);
  const compressedRow = side
    .getByRole("row")
    .filter({ has: page.getByRole("rowheader", { name: /^Compressed/ }) });
  await expect(compressedRow.getByRole("cell")).toHaveCount(2);

  const shared = page.getByText(/shared layers? saves?/);
  await expect(shared).toContainText("1 shared layer saves");
  await expectBytes(shared.locator("span[title]").first(), debian.layers[0].compressedBytes);

  await page.screenshot({ path: `${ARTIFACTS}/compare.png`, fullPage: true });
});

test("the overview's CSV download has a row per listed image with the same figures", async ({
  page,
  request,
}) => {
  await page.goto("/");
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("link", { name: "Download CSV" }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/\.csv$/);
  const rows = parse(readFileSync((await download.path())!, "utf8"), { columns: true }) as Record<
    string,
    string
  >[];
  const items = await listItems(request);
  expect(rows.length).toBe(items.length);
  for (const item of items) {
    const row = rows.find((r) => r.reference === item.reference && r.platform === item.platform);
    expect(row, item.reference).toBeTruthy();
    expect(Number(row!.compressed_bytes)).toBe(item.compressedBytes);
    expect(Number(row!.filesystem_bytes)).toBe(item.filesystemBytes);
    expect(Number(row!.packages)).toBe(item.packages.count);
    expect(Number(row!.layers)).toBe(item.layers.length);
  }
});

test("the MB/MiB switch changes every size, and phones get no sideways scrolling", async ({
  page,
  request,
}) => {
  const item = (await listItems(request)).find((i) => i.id === ids.java)!;
  await page.goto("/");
  const sizing = page.getByRole("table", { name: /^Sizing comparison/ });
  const compressed = await cell(sizing, rowOf(sizing, item.id), "Compressed");
  expect(parseShownBytes(await compressed.innerText()).unit).toBe("MB");

  await page.getByRole("group", { name: "Size units" }).getByRole("button", { name: "MiB" }).click();
  await expect(compressed).toContainText("MiB");
  await expectBytes(compressed, item.compressedBytes);
  const chart = page.getByRole("figure", { name: "Compressed and on-disk size per image" });
  const ticks = (await chart.locator("svg text").allTextContents()).join(" ");
  expect(ticks).toMatch(/\d (MiB|KiB)/);
  expect(ticks).not.toMatch(/\d (MB|kB)/);
  await page.getByRole("button", { name: "MB", exact: true }).click();
  await expect(compressed).not.toContainText("MiB");

  await page.setViewportSize({ width: 390, height: 844 });
  await page.reload();
  await expect(sizing).toBeVisible();
  await expectNoHorizontalOverflow(page);
  await page.screenshot({ path: `${ARTIFACTS}/overview-390.png`, fullPage: true });
  await page.goto(`/images/${ids.java}`);
  await expect(page.getByRole("table", { name: "Layers in build order" })).toBeVisible();
  await expectNoHorizontalOverflow(page);
  await page.screenshot({ path: `${ARTIFACTS}/detail-390.png`, fullPage: true });
  await page.goto(`/compare?ids=${ids.debian},${ids.java}`);
  await expect(page.getByRole("table", { name: /^Side-by-side comparison/ })).toBeVisible();
  await expectNoHorizontalOverflow(page);
});
