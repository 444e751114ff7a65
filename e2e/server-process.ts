import { spawn, type ChildProcess } from "node:child_process";
import { mkdirSync, rmSync } from "node:fs";

/** A production server of the test's own (its own port and database), for tests that kill or reconfigure it. */
export class ServerProcess {
  private child?: ChildProcess;
  readonly url: string;

  constructor(
    readonly port: number,
    readonly dataDir: string,
    private readonly extraEnv: Record<string, string> = {},
  ) {
    this.url = `http://127.0.0.1:${port}`;
  }

  reset() {
    rmSync(this.dataDir, { recursive: true, force: true });
    mkdirSync(this.dataDir, { recursive: true });
  }

  async start() {
    this.child = spawn("node", ["scripts/start.mjs"], {
      env: {
        ...process.env,
        PORT: String(this.port),
        DATABASE_URL: `file:${this.dataDir}/test.db`,
        CACHE_DIR: `${this.dataDir}/cache`,
        ALLOWED_REGISTRIES: `docker.io,${process.env.BASESCOPE_TEST_REGISTRY ?? "127.0.0.1:5731"}`,
        ...this.extraEnv,
      },
      stdio: ["ignore", "inherit", "inherit"],
    });
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline) {
      try {
        if ((await fetch(`${this.url}/api/health`)).ok) return;
      } catch {
        // not listening yet
      }
      await new Promise((r) => setTimeout(r, 250));
    }
    throw new Error(`server on ${this.port} did not start`);
  }

  /** SIGKILL: the process gets no chance to clean up, as when a machine dies. */
  kill() {
    this.child?.kill("SIGKILL");
    return new Promise<void>((resolve) =>
      this.child?.exitCode !== null ? resolve() : this.child.once("exit", () => resolve()),
    );
  }

  async stop() {
    this.child?.kill("SIGTERM");
    await new Promise<void>((resolve) =>
      !this.child || this.child.exitCode !== null ? resolve() : this.child.once("exit", () => resolve()),
    );
  }
}
