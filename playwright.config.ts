import { defineConfig } from "@playwright/test";

const port = Number(process.env.E2E_PORT ?? 3107);
const dataDir = process.env.E2E_DATA_DIR ?? "/tmp/basescope-e2e";

// Browser tests drive the production build (`next build` first) in Debian's Chromium: Playwright's own
// browser downloads cannot work on machines that reach only the npm and Debian registries.
export default defineConfig({
  testDir: "e2e",
  globalSetup: "./e2e/global-setup.ts",
  outputDir: "test-results",
  timeout: 120_000,
  workers: 1,
  reporter: [["list"]],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    },
  },
  webServer: {
    command: `rm -rf ${dataDir} && mkdir -p ${dataDir} && node scripts/start.mjs`,
    url: `http://127.0.0.1:${port}/api/health`,
    reuseExistingServer: false,
    timeout: 120_000,
    env: {
      PORT: String(port),
      DATABASE_URL: `file:${dataDir}/e2e.db`,
      CACHE_DIR: `${dataDir}/cache`,
      ALLOWED_REGISTRIES: `docker.io,${process.env.BASESCOPE_TEST_REGISTRY ?? "127.0.0.1:5731"}`,
    },
  },
});
