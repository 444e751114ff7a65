import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { createWriteStream, existsSync } from "node:fs";
import net from "node:net";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

/** The production server needs a build; make one only when there is none (a build takes minutes). */
export function ensureBuild(): void {
  if (existsSync(path.join(REPO, ".next", "BUILD_ID"))) return;
  console.error("[bench] no .next build found; running npm run build");
  const r = spawnSync("npm", ["run", "build"], { cwd: REPO, stdio: "inherit" });
  if (r.status !== 0) throw new Error("npm run build failed");
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer().listen(0, "127.0.0.1", () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
    srv.on("error", reject);
  });
}

/** Environment for a child of ours: no admin token (loopback may write), our database, quiet telemetry. */
export function childEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, NEXT_TELEMETRY_DISABLED: "1", ...extra };
  delete env.ADMIN_TOKEN;
  return env;
}

/** Ends a process we started: SIGTERM, then SIGKILL if it lingers. */
export async function stopProcess(child: ChildProcess, graceMs = 10_000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  child.kill("SIGTERM");
  const timer = setTimeout(() => child.kill("SIGKILL"), graceMs);
  await exited;
  clearTimeout(timer);
}

export type Server = { url: string; pid: number; stop(): Promise<void> };

/**
 * `node scripts/start.mjs` (migrations, then Next.js in that same process) on a free loopback port, its
 * output in `logFile`; resolves once /api/health answers.
 */
export async function startServer(env: Record<string, string>, logFile: string): Promise<Server> {
  const port = await freePort();
  const log = createWriteStream(logFile);
  const child = spawn(process.execPath, [path.join(REPO, "scripts/start.mjs")], {
    cwd: REPO,
    env: childEnv({ ...env, PORT: String(port), HOST: "127.0.0.1" }),
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout!.pipe(log);
  child.stderr!.pipe(log);
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 90_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}; see ${logFile}`);
    const ok = await fetch(`${url}/api/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) break;
    if (Date.now() > deadline) {
      await stopProcess(child);
      throw new Error(`server did not answer /api/health in 90 s; see ${logFile}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  return { url, pid: child.pid!, stop: () => stopProcess(child) };
}
