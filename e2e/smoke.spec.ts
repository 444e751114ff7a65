import { expect, test } from "@playwright/test";

test("a fresh install shows the empty state with a way to add an image", async ({ page }) => {
  await page.goto("/");
  await expect(page.getByRole("heading", { name: "No images benchmarked yet" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Add an image to benchmark" })).toHaveAttribute("href", "/add");
});
