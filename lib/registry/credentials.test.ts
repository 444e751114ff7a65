import { mkdtemp, writeFile, chmod, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadCredentials } from "./credentials";

let dir: string;
const b64 = (s: string) => Buffer.from(s).toString("base64");

async function config(name: string, body: unknown): Promise<string> {
  const file = path.join(dir, `${name}.json`);
  await writeFile(file, JSON.stringify(body));
  return file;
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), "bs-creds-"));
  // A real credential helper executable speaking the docker-credential protocol: host on stdin, JSON out.
  const helper = path.join(dir, "docker-credential-fake");
  await writeFile(
    helper,
    `#!/bin/sh
read host
case "$host" in
  helped.example:5000) printf '{"ServerURL":"%s","Username":"helper-user","Secret":"helper-pass"}' "$host" ;;
  token.example) printf '{"ServerURL":"%s","Username":"<token>","Secret":"refresh-123"}' "$host" ;;
  https://index.docker.io/v1/) printf '{"ServerURL":"%s","Username":"hub-user","Secret":"hub-pass"}' "$host" ;;
  *) echo "credentials not found in native keychain"; exit 1 ;;
esac
`,
  );
  await chmod(helper, 0o755);
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe("loadCredentials", () => {
  it("reads base64 auth, identity tokens and username/password entries keyed by host or URL", async () => {
    const file = await config("auths", {
      auths: {
        "https://index.docker.io/v1/": { auth: b64("hub:s3:cret") },
        "http://reg.example:5000/v2/": { auth: b64("u:p") },
        "quay.io": { identitytoken: "idtok", username: "robot" },
        "plain.example": { username: "pu", password: "pp" },
        "broken.example": { auth: b64("no-colon") },
      },
    });
    expect(await loadCredentials("docker.io", { dockerConfigPath: file })).toEqual({
      username: "hub",
      password: "s3:cret",
    });
    expect(await loadCredentials("reg.example:5000", { dockerConfigPath: file })).toEqual({
      username: "u",
      password: "p",
    });
    expect(await loadCredentials("quay.io", { dockerConfigPath: file })).toEqual({
      identityToken: "idtok",
      username: "robot",
    });
    expect(await loadCredentials("plain.example", { dockerConfigPath: file })).toEqual({
      username: "pu",
      password: "pp",
    });
    expect(await loadCredentials("broken.example", { dockerConfigPath: file })).toBeUndefined();
    expect(await loadCredentials("other.example", { dockerConfigPath: file })).toBeUndefined();
  });

  it("asks credHelpers per host and credsStore otherwise, falling back to auths", async () => {
    const file = await config("helpers", {
      credsStore: "fake",
      credHelpers: { "helped.example:5000": "fake", "missing.example": "does-not-exist" },
      auths: { "missing.example": { auth: b64("from:auths") }, "nohelp.example": { auth: b64("a:b") } },
    });
    const searchPath = dir;
    expect(await loadCredentials("helped.example:5000", { dockerConfigPath: file, searchPath })).toEqual({
      username: "helper-user",
      password: "helper-pass",
    });
    expect(await loadCredentials("token.example", { dockerConfigPath: file, searchPath })).toEqual({
      identityToken: "refresh-123",
    });
    expect(await loadCredentials("docker.io", { dockerConfigPath: file, searchPath })).toEqual({
      username: "hub-user",
      password: "hub-pass",
    });
    // The helper binary does not exist: auths still answer.
    expect(await loadCredentials("missing.example", { dockerConfigPath: file, searchPath })).toEqual({
      username: "from",
      password: "auths",
    });
    // The helper says "not found": auths still answer.
    expect(await loadCredentials("nohelp.example", { dockerConfigPath: file, searchPath })).toEqual({
      username: "a",
      password: "b",
    });
  });

  it("treats a missing or unreadable config as anonymous", async () => {
    expect(
      await loadCredentials("docker.io", { dockerConfigPath: path.join(dir, "nope.json") }),
    ).toBeUndefined();
    await writeFile(path.join(dir, "bad.json"), "{not json");
    expect(
      await loadCredentials("docker.io", { dockerConfigPath: path.join(dir, "bad.json") }),
    ).toBeUndefined();
  });

  it("finds config.json through DOCKER_CONFIG", async () => {
    await writeFile(
      path.join(dir, "config.json"),
      JSON.stringify({ auths: { "env.example": { auth: b64("e:v") } } }),
    );
    const before = process.env.DOCKER_CONFIG;
    process.env.DOCKER_CONFIG = dir;
    try {
      expect(await loadCredentials("env.example")).toEqual({ username: "e", password: "v" });
    } finally {
      if (before === undefined) delete process.env.DOCKER_CONFIG;
      else process.env.DOCKER_CONFIG = before;
    }
  });
});
