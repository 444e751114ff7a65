import { execFile } from "node:child_process";
import { constants } from "node:fs";
import { access, readFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";

/**
 * Credentials the user already has for `docker login`: ~/.docker/config.json `auths` (base64 user:pass or an
 * identity token), `credHelpers[host]` and `credsStore` through docker-credential-<name>. Secrets are only
 * ever handed to the auth code; nothing here logs or formats them into messages.
 */
export type Credentials =
  { username: string; password: string } | { identityToken: string; username?: string };

export type CredentialOptions = {
  /** Path to config.json; default $DOCKER_CONFIG/config.json or ~/.docker/config.json. */
  dockerConfigPath?: string;
  /** PATH used to find docker-credential-* helpers (tests point it at their own helper). */
  searchPath?: string;
};

type DockerConfig = {
  auths?: Record<string, { auth?: string; username?: string; password?: string; identitytoken?: string }>;
  credsStore?: string;
  credHelpers?: Record<string, string>;
};

const DOCKER_HUB_KEYS = [
  "https://index.docker.io/v1/",
  "index.docker.io",
  "docker.io",
  "registry-1.docker.io",
];

export function defaultDockerConfigPath(): string {
  const dir = process.env.DOCKER_CONFIG || path.join(os.homedir(), ".docker");
  return path.join(dir, "config.json");
}

/** The hostname a config key stands for: "https://host:5000/v1/" → "host:5000". */
function keyHost(key: string): string {
  return key
    .replace(/^[a-z]+:\/\//i, "")
    .replace(/\/.*$/, "")
    .toLowerCase();
}

function hostsFor(registry: string): string[] {
  return registry === "docker.io" ? DOCKER_HUB_KEYS.map(keyHost) : [registry.toLowerCase()];
}

async function readConfig(file: string): Promise<DockerConfig | undefined> {
  try {
    return JSON.parse(await readFile(file, "utf8")) as DockerConfig;
  } catch {
    // No config, or one we cannot read: behave as `docker` does without login, anonymously.
    return undefined;
  }
}

function fromAuthEntry(entry: NonNullable<DockerConfig["auths"]>[string]): Credentials | undefined {
  if (entry.identitytoken) return { identityToken: entry.identitytoken, username: entry.username };
  if (entry.auth) {
    const decoded = Buffer.from(entry.auth, "base64").toString("utf8");
    const colon = decoded.indexOf(":");
    if (colon > 0) return { username: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
  }
  if (entry.username && entry.password) return { username: entry.username, password: entry.password };
  return undefined;
}

async function findExecutable(name: string, searchPath: string): Promise<string | undefined> {
  for (const dir of searchPath.split(path.delimiter).filter(Boolean)) {
    const candidate = path.join(dir, name);
    try {
      await access(candidate, constants.X_OK);
      return candidate;
    } catch {
      continue;
    }
  }
  return undefined;
}

function runHelper(binary: string, serverUrl: string): Promise<Credentials | undefined> {
  return new Promise((resolve) => {
    const child = execFile(binary, ["get"], { timeout: 15_000, maxBuffer: 1 << 20 }, (error, stdout) => {
      // A helper that fails (e.g. "credentials not found") means: no credentials for this host.
      if (error) return resolve(undefined);
      try {
        const out = JSON.parse(stdout) as { Username?: string; Secret?: string };
        if (!out.Secret) return resolve(undefined);
        if (out.Username === "<token>") return resolve({ identityToken: out.Secret });
        resolve({ username: out.Username ?? "", password: out.Secret });
      } catch {
        resolve(undefined);
      }
    });
    child.stdin?.end(serverUrl);
  });
}

export async function loadCredentials(
  registry: string,
  opts: CredentialOptions = {},
): Promise<Credentials | undefined> {
  const config = await readConfig(opts.dockerConfigPath ?? defaultDockerConfigPath());
  if (!config) return undefined;
  const hosts = hostsFor(registry);
  const helperName =
    Object.entries(config.credHelpers ?? {}).find(([key]) => hosts.includes(keyHost(key)))?.[1] ??
    config.credsStore;
  if (helperName) {
    const binary = await findExecutable(
      `docker-credential-${helperName}`,
      opts.searchPath ?? process.env.PATH ?? "",
    );
    if (binary) {
      const serverUrl = registry === "docker.io" ? DOCKER_HUB_KEYS[0] : registry;
      const found = await runHelper(binary, serverUrl);
      if (found) return found;
    }
  }
  for (const [key, entry] of Object.entries(config.auths ?? {})) {
    if (hosts.includes(keyHost(key))) {
      const found = fromAuthEntry(entry ?? {});
      if (found) return found;
    }
  }
  return undefined;
}
