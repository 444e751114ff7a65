import { execFileSync } from "node:child_process";
import path from "node:path";

/**
 * Starts the real services (idempotent) and exports their addresses to the test processes.
 * The fixture images are built lazily by the tests that need them (scripts/fixtures), cached on disk.
 */
export default function setup() {
  const script = path.resolve(import.meta.dirname, "..", "services.sh");
  const out = execFileSync("bash", [script, "start"], {
    encoding: "utf8",
    stdio: ["ignore", "pipe", "inherit"],
  });
  for (const line of out.split("\n")) {
    const m = /^([A-Z_]+)=(.*)$/.exec(line.trim());
    if (m) process.env[m[1]] = m[2];
  }
}
