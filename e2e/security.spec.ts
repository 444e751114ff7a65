import { expect, test, type Page } from "@playwright/test";
import { blob, makeLayer, pushBlob, pushManifest, sha256 } from "../lib/registry/test-support/image-builder";
import { waitForRun } from "./support";

test.describe.configure({ mode: "serial" });

const registry = process.env.BASESCOPE_TEST_REGISTRY ?? "127.0.0.1:5731";
const SCRIPT = "<script>alert(1)</script>";
const IMG = "<img src=x onerror=alert(2)>";

/** An image whose layer history (what `docker history` shows as the command) carries markup. */
async function pushHostileImage(repo: string): Promise<string> {
  const base = `http://${registry}`;
  const { gz, tar } = await makeLayer({ "etc/hello": "hello\n" });
  const layer = blob(gz, "application/vnd.oci.image.layer.v1.tar+gzip");
  const config = blob(
    Buffer.from(
      JSON.stringify({
        architecture: "amd64",
        os: "linux",
        config: { Cmd: ["/bin/sh"] },
        rootfs: { type: "layers", diff_ids: [sha256(tar)] },
        history: [{ created_by: `/bin/sh -c echo '${SCRIPT}' '${IMG}'` }],
      }),
    ),
    "application/vnd.oci.image.config.v1+json",
  );
  for (const b of [layer, config]) await pushBlob(base, repo, b);
  const manifest = Buffer.from(
    JSON.stringify({
      schemaVersion: 2,
      mediaType: "application/vnd.oci.image.manifest.v1+json",
      config: { mediaType: config.mediaType, digest: config.digest, size: config.size },
      layers: [{ mediaType: layer.mediaType, digest: layer.digest, size: layer.size }],
    }),
  );
  await pushManifest(base, repo, "1", manifest, "application/vnd.oci.image.manifest.v1+json");
  return `${registry}/${repo}:1`;
}

/** Records Content-Security-Policy violations the page reports, both as events and console errors. */
async function watchCsp(page: Page): Promise<() => Promise<string[]>> {
  const fromConsole: string[] = [];
  page.on("console", (m) => {
    if (/Content Security Policy|Refused to (execute|load|apply|connect)/i.test(m.text()))
      fromConsole.push(m.text());
  });
  await page.addInitScript(() => {
    const w = window as unknown as { cspViolations: string[] };
    w.cspViolations = [];
    document.addEventListener("securitypolicyviolation", (e) =>
      w.cspViolations.push(`${e.violatedDirective} ${e.blockedURI}`),
    );
  });
  return async () => [
    ...fromConsole,
    ...(await page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations)),
  ];
}

test("every response carries the security headers, pages and API alike", async ({ request }) => {
  for (const path of ["/", "/api/images"]) {
    const res = await request.get(path);
    expect(res.status(), path).toBe(200);
    const h = res.headers();
    const csp = h["content-security-policy"] ?? "";
    for (const directive of [
      "default-src 'self'",
      "object-src 'none'",
      "base-uri 'self'",
      "frame-ancestors 'none'",
    ])
      expect(csp, `${path}: ${directive}`).toContain(directive);
    // A production build never needs eval, nor inline <style> elements.
    expect(csp).not.toContain("unsafe-eval");
    expect(csp).toMatch(/style-src 'self'(;|$)/);
    expect(h["x-content-type-options"], path).toBe("nosniff");
    expect(h["x-frame-options"], path).toBe("DENY");
    expect(h["referrer-policy"], path).toBe("same-origin");
    expect(h["x-powered-by"], path).toBeUndefined();
  }
});

test("markup in a layer command shows as text, runs nothing, and no page breaks the policy", async ({
  page,
  request,
}) => {
  const reference = await pushHostileImage(`basescope-test/hostile-${Date.now().toString(36)}`);
  const res = await request.post("/api/images", { data: { reference } });
  expect(res.status()).toBe(202);
  const { runId, imageId } = (await res.json()) as { runId: string; imageId: string };
  const run = await waitForRun(request, runId);
  expect(run.status, run.error?.message).toBe("succeeded");

  const dialogs: string[] = [];
  page.on("dialog", async (d) => {
    dialogs.push(d.message());
    await d.dismiss();
  });
  const violations = await watchCsp(page);

  await page.goto(`/images/${imageId}`);
  // The layers table shows the command as the image's history has it.
  const command = page.locator("code").filter({ hasText: SCRIPT }).first();
  await expect(command).toBeVisible();
  await expect(command).toContainText(IMG);
  // Neither payload became an element: the only <img src="x"> would be the injected one.
  expect(await page.locator('img[src="x"]').count()).toBe(0);
  expect(await page.locator("script", { hasText: "alert(1)" }).count()).toBe(0);
  expect(await violations()).toEqual([]);

  for (const path of ["/", "/add", `/compare?ids=${imageId}`]) {
    await page.goto(path);
    await expect(page.locator("main")).toBeVisible();
    expect(await violations(), path).toEqual([]);
  }
  // Client-side rendering after hydration (charts redrawn in other units) stays within the policy too.
  await page.goto("/");
  await page.getByRole("button", { name: "MiB" }).click();
  await expect(page.getByRole("button", { name: "MiB" })).toHaveAttribute("aria-pressed", "true");
  expect(await violations()).toEqual([]);
  // Give an onerror handler that slipped through the time to fire before concluding none did.
  await page.waitForTimeout(500);
  expect(dialogs).toEqual([]);
});
