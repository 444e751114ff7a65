import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BasescopeError } from "../errors";
import { parseReference } from "../reference";
import { fetchManifestInfo } from "../registry";
import { startServer } from "../registry/test-support/proxy";

/**
 * A registry that echoes what it was sent into its error text, as some do ("bad password … for …"): the
 * error basescope reports (and stores as the run's error) shows neither the password nor the header.
 */
const user = "bob";
const password = "correct-horse-battery-staple";
const basic = Buffer.from(`${user}:${password}`).toString("base64");
let dir: string;
let host: string;
let stop: () => Promise<void>;

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), "bs-redact-"));
  const server = await startServer((req, res) => {
    const auth = req.headers.authorization;
    const echoed = auth ? `bad credentials ${auth} (password ${password}) for ${user}` : "log in";
    res
      .writeHead(401, { "www-authenticate": 'Basic realm="test"', "content-type": "application/json" })
      .end(JSON.stringify({ errors: [{ code: "UNAUTHORIZED", message: echoed }] }));
  });
  stop = server.stop;
  host = `127.0.0.1:${server.port}`;
  writeFileSync(path.join(dir, "config.json"), JSON.stringify({ auths: { [host]: { auth: basic } } }));
});

afterAll(async () => {
  await stop();
  rmSync(dir, { recursive: true, force: true });
});

describe("credentials in registry errors", () => {
  it("are replaced in the message a user sees", async () => {
    // By digest, so the first request is a GET whose error body the message quotes.
    const e = await fetchManifestInfo(
      parseReference(`${host}/team/app@sha256:${"a".repeat(64)}`),
      undefined,
      {
        dockerConfigPath: path.join(dir, "config.json"),
      },
    ).catch((err: unknown) => err);
    expect(e).toBeInstanceOf(BasescopeError);
    const { kind, message } = e as BasescopeError;
    expect(kind).toBe("AuthRequired");
    // The registry's words are still there, with the secrets taken out.
    expect(message).toContain(
      "registry said: bad credentials Basic [redacted] (password [redacted]) for bob",
    );
    expect(message).not.toContain(password);
    expect(message).not.toContain(basic);
  });
});
