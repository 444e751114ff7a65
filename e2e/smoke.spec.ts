import { expect, test } from "@playwright/test";
import { ServerProcess } from "./server-process";

test("a fresh install shows the empty state with a way to add an image", async ({ page }) => {
  // Its own server and database: the shared e2e server has results from other tests.
  const server = new ServerProcess(3120, "/tmp/basescope-e2e-empty");
  server.reset();
  await server.start();
  try {
    await page.goto(server.url);
    await expect(page.getByRole("heading", { name: "No images benchmarked yet" })).toBeVisible();
    const add = page.getByRole("link", { name: "Add an image to benchmark" });
    await expect(add).toHaveAttribute("href", "/add");
    await add.click();
    await expect(page.getByRole("heading", { name: "Add an image to benchmark" })).toBeVisible();
  } finally {
    await server.stop();
  }
});
