import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseReference } from "../reference";
import { createRegistrySource, fetchManifestInfo } from "./index";
import { digestScanner } from "./test-support/digest-scanner";
import { pushImage, sha256, type PushedImage } from "./test-support/image-builder";
import { startRegistry, type RegistryProcess } from "./test-support/registry-process";
import { startTokenServer, type TokenServer } from "./test-support/token-server";
import { errorOf } from "../../scripts/test-support/error-of";

/** Real docker-registry instances of this test's own: one with htpasswd Basic auth, one with token auth. */
let dir: string;
let basic: RegistryProcess;
let tokenRegistry: RegistryProcess;
let tokens: TokenServer;
let basicImage: PushedImage;
let publicImage: PushedImage;
let privateImage: PushedImage;
const foreign = {
  mediaType: "application/vnd.docker.image.rootfs.foreign.diff.tar.gzip",
  digest: sha256(Buffer.from("foreign")),
  size: 12345,
  urls: ["https://example.invalid/layer.tar.gz"],
};

function dockerConfig(name: string, auths: Record<string, Record<string, string>>): string {
  const file = path.join(dir, `${name}.json`);
  writeFileSync(file, JSON.stringify({ auths }));
  return file;
}
const basicAuth = (user: string, pass: string) => ({
  auth: Buffer.from(`${user}:${pass}`).toString("base64"),
});

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), "bs-auth-"));
  basic = await startRegistry(
    { htpasswd: { user: "ann", password: "s3cret-pw" } },
    "validation:\n  manifests:\n    urls:\n      allow: ['^https?://']\n",
  );
  const header = `Basic ${Buffer.from("ann:s3cret-pw").toString("base64")}`;
  basicImage = await pushImage(
    basic.base,
    "team/app",
    "1",
    { docker: true, layers: [{ a: "1" }, { b: "2" }], extraLayers: [foreign] },
    header,
  );

  tokens = await startTokenServer({
    users: { alice: "wonder-land", mallory: "pw" },
    refreshTokens: { "refresh-abc": "alice" },
    publicRepos: ["public/img"],
    blocked: ["mallory"],
  });
  tokenRegistry = await startRegistry({ token: tokens });
  publicImage = await pushImage(
    tokenRegistry.base,
    "public/img",
    "1",
    { layers: [{ p: "public" }] },
    `Bearer ${tokens.mint("public/img", ["pull", "push"])}`,
  );
  privateImage = await pushImage(
    tokenRegistry.base,
    "private/img",
    "1",
    { layers: [{ q: "private" }] },
    `Bearer ${tokens.mint("private/img", ["pull", "push"])}`,
  );
}, 60_000);

afterAll(async () => {
  await basic?.stop();
  await tokenRegistry?.stop();
  await tokens?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe("Basic auth (htpasswd)", () => {
  it("reads with the credentials from the Docker config and skips foreign layers with a note", async () => {
    const dockerConfigPath = dockerConfig("basic-ok", { [basic.host]: basicAuth("ann", "s3cret-pw") });
    const { image, scans } = await createRegistrySource(parseReference(`${basic.host}/team/app:1`), {
      dockerConfigPath,
    }).analyze(digestScanner(), {});
    expect(image.digest).toBe(basicImage.manifestDigest);
    expect(scans.map((s) => s.digest)).toEqual(basicImage.layers.map((l) => l.digest));
    expect(image.layers.map((l) => l.digest)).toEqual(basicImage.layers.map((l) => l.digest));
    expect(image.notes.join(" ")).toContain(`Skipped foreign layer ${foreign.digest}`);
    const info = await fetchManifestInfo(parseReference(`${basic.host}/team/app:1`), undefined, {
      dockerConfigPath,
    });
    expect(info.layers.at(-1)).toEqual(foreign);
  });

  it("asks for a login without credentials", async () => {
    const e = await errorOf(
      fetchManifestInfo(parseReference(`${basic.host}/team/app:1`), undefined, {
        dockerConfigPath: path.join(dir, "none.json"),
      }),
    );
    expect(e.kind).toBe("AuthRequired");
    expect(e.message).toContain(`docker login ${basic.host}`);
  });

  it("says the credentials were not accepted on a wrong password, without showing them", async () => {
    const dockerConfigPath = dockerConfig("basic-bad", {
      [`http://${basic.host}`]: basicAuth("ann", "not-the-password"),
    });
    const e = await errorOf(
      fetchManifestInfo(parseReference(`${basic.host}/team/app:1`), undefined, { dockerConfigPath }),
    );
    expect(e.kind).toBe("AuthRequired");
    expect(e.message).toMatch(/credentials in your Docker config .* were not accepted/);
    expect(e.message).not.toMatch(/not-the-password|ann:|YW5u/);
  });
});

describe("Bearer token auth (registry auth.token + a token server)", () => {
  it("pulls a public repository anonymously and reuses the cached token", async () => {
    const dockerConfigPath = path.join(dir, "none.json");
    const before = tokens.requests.length;
    const { image, scans } = await createRegistrySource(
      parseReference(`${tokenRegistry.host}/public/img:1`),
      { dockerConfigPath },
    ).analyze(digestScanner(), {});
    expect(image.digest).toBe(publicImage.manifestDigest);
    expect(scans.map((s) => s.digest)).toEqual(publicImage.layers.map((l) => l.digest));
    expect(tokens.requests.slice(before)).toEqual([
      { method: "GET", scope: "repository:public/img:pull", user: undefined, refresh: undefined },
    ]);
    await fetchManifestInfo(parseReference(`${tokenRegistry.host}/public/img:1`), undefined, {
      dockerConfigPath,
    });
    expect(tokens.requests.length).toBe(before + 1);
  });

  it("needs a login for a private repository", async () => {
    const e = await errorOf(
      fetchManifestInfo(parseReference(`${tokenRegistry.host}/private/img:1`), undefined, {
        dockerConfigPath: path.join(dir, "none.json"),
      }),
    );
    expect(e.kind).toBe("AuthRequired");
  });

  it("gets a token with user and password from the Docker config", async () => {
    const dockerConfigPath = dockerConfig("token-ok", {
      [tokenRegistry.host]: basicAuth("alice", "wonder-land"),
    });
    const { image } = await createRegistrySource(parseReference(`${tokenRegistry.host}/private/img:1`), {
      dockerConfigPath,
    }).analyze(digestScanner(), {});
    expect(image.digest).toBe(privateImage.manifestDigest);
    expect(tokens.requests.at(-1)).toMatchObject({
      method: "GET",
      user: "alice",
      scope: "repository:private/img:pull",
    });
  });

  it("exchanges an identity token by OAuth2 refresh", async () => {
    const dockerConfigPath = dockerConfig("token-identity", {
      [tokenRegistry.host]: { identitytoken: "refresh-abc" },
    });
    const info = await fetchManifestInfo(parseReference(`${tokenRegistry.host}/private/img:1`), undefined, {
      dockerConfigPath,
    });
    expect(info.digest).toBe(privateImage.manifestDigest);
    expect(tokens.requests.at(-1)).toMatchObject({ method: "POST", refresh: "refresh-abc", user: "alice" });
  });

  it("maps a rejected password to AuthRequired and a refused account to AuthDenied", async () => {
    const wrong = dockerConfig("token-wrong", { [tokenRegistry.host]: basicAuth("alice", "guess") });
    const e1 = await errorOf(
      fetchManifestInfo(parseReference(`${tokenRegistry.host}/private/img:1`), undefined, {
        dockerConfigPath: wrong,
      }),
    );
    expect(e1.kind).toBe("AuthRequired");
    expect(e1.message).toMatch(/were not accepted/);
    expect(e1.message).not.toContain("guess");
    const blocked = dockerConfig("token-blocked", { [tokenRegistry.host]: basicAuth("mallory", "pw") });
    const e2 = await errorOf(
      fetchManifestInfo(parseReference(`${tokenRegistry.host}/private/img:1`), undefined, {
        dockerConfigPath: blocked,
      }),
    );
    expect(e2.kind).toBe("AuthDenied");
  });
});
