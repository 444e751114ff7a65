import { execFileSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { ensureFixtures } from "../scripts/fixtures";

export const FIXTURES_FILE = "/tmp/basescope-e2e-fixtures.json";

/** The browser and API tests use images the fixture builder made and pushed to the loopback registry. */
export default async function globalSetup() {
  const out = execFileSync("bash", ["scripts/services.sh", "start"], {
    encoding: "utf8",
    stdio: ["ignore", "pipe", "inherit"],
  });
  for (const line of out.split("\n")) {
    const m = /^([A-Z_]+)=(.*)$/.exec(line.trim());
    if (m) process.env[m[1]] = m[2];
  }
  const fx = await ensureFixtures(["debian-minbase", "distroless", "apk", "java"] as never);
  writeFileSync(FIXTURES_FILE, JSON.stringify(fx.images));
}
