import { spawn, execFileSync, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";

/** A real docker-registry (distribution 2.8) of the test's own, on a free loopback port, with its own storage. */
export type RegistryProcess = { host: string; base: string; dir: string; stop(): Promise<void> };

export async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const port = (server.address() as net.AddressInfo).port;
  await new Promise((r) => server.close(r));
  return port;
}

export type RegistryAuth =
  | { htpasswd: { user: string; password: string } }
  | { token: { realm: string; service: string; issuer: string; certPath: string } };

export async function startRegistry(auth?: RegistryAuth, extraYaml = ""): Promise<RegistryProcess> {
  const dir = mkdtempSync(path.join(os.tmpdir(), "bs-registry-"));
  const port = await freePort();
  let authYaml = "";
  if (auth && "htpasswd" in auth) {
    const line = execFileSync("htpasswd", ["-Bbn", auth.htpasswd.user, auth.htpasswd.password], {
      encoding: "utf8",
    });
    writeFileSync(path.join(dir, "htpasswd"), line);
    authYaml = `auth:\n  htpasswd:\n    realm: basescope-test\n    path: ${path.join(dir, "htpasswd")}\n`;
  } else if (auth && "token" in auth) {
    const t = auth.token;
    authYaml = `auth:\n  token:\n    realm: ${t.realm}\n    service: ${t.service}\n    issuer: ${t.issuer}\n    rootcertbundle: ${t.certPath}\n`;
  }
  const config = `version: 0.1\nlog: { level: error }\nstorage:\n  filesystem: { rootdirectory: ${path.join(dir, "data")} }\n  delete: { enabled: true }\nhttp:\n  addr: 127.0.0.1:${port}\n${authYaml}${extraYaml}`;
  writeFileSync(path.join(dir, "config.yml"), config);
  const child: ChildProcess = spawn("docker-registry", ["serve", path.join(dir, "config.yml")], {
    stdio: ["ignore", "ignore", "pipe"],
  });
  let stderr = "";
  child.stderr?.on("data", (d) => (stderr += d));
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    try {
      await fetch(`${base}/v2/`);
      break;
    } catch {
      if (i > 80 || child.exitCode !== null) throw new Error(`registry did not start: ${stderr}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  return {
    host: `127.0.0.1:${port}`,
    base,
    dir,
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once("exit", r));
        child.kill("SIGTERM");
        await exited;
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
