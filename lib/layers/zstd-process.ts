import { spawn, spawnSync, type ChildProcessByStdio } from "node:child_process";
import { Transform, type TransformCallback, type Readable, type Writable } from "node:stream";
import { BasescopeError } from "../errors";

let available: boolean | undefined;

/**
 * fzstd (pure JS) moves its whole window for every block and decodes ~30 MB/s; the zstd binary does
 * ~300 MB/s. Use it when the machine has it (Debian's `zstd` package), fzstd otherwise.
 */
export function zstdBinaryAvailable(): boolean {
  if (available === undefined) {
    const r = spawnSync("zstd", ["--version"], { stdio: "ignore", timeout: 5000 });
    available = r.status === 0;
  }
  return available;
}

/** `zstd -dc` as a stream stage: backpressure both ways, the exit status checked before the end. */
export class ZstdProcessStream extends Transform {
  private readonly child: ChildProcessByStdio<Writable, Readable, Readable>;
  private stderr = "";
  private exited: Promise<number | null>;

  constructor(maxWindowBytes: number) {
    super({ readableHighWaterMark: 1 << 20 });
    const memory = `--memory=${Math.ceil(maxWindowBytes / 2 ** 20)}MB`;
    this.child = spawn("zstd", ["-d", "-c", "-q", memory], { stdio: ["pipe", "pipe", "pipe"] });
    this.exited = new Promise((resolve) => {
      this.child.on("close", (code) => resolve(code));
      this.child.on("error", (e) => {
        this.stderr ||= e.message;
        resolve(-1);
      });
    });
    this.child.stderr.on("data", (c: Buffer) => {
      if (this.stderr.length < 2000) this.stderr += c.toString();
    });
    this.child.stdout.on("data", (c: Buffer) => {
      if (!this.push(c)) this.child.stdout.pause();
    });
    // A write to a zstd that already quit (bad data) fails with EPIPE; the exit status tells why.
    this.child.stdin.on("error", () => undefined);
  }

  override _read(): void {
    this.child.stdout.resume();
  }

  override _transform(chunk: Buffer, _enc: BufferEncoding, cb: TransformCallback): void {
    if (this.child.stdin.write(chunk)) return cb();
    const done = () => {
      this.child.stdin.off("drain", done);
      this.child.stdin.off("close", done);
      cb();
    };
    this.child.stdin.on("drain", done);
    this.child.stdin.on("close", done);
  }

  override _flush(cb: TransformCallback): void {
    this.child.stdin.end();
    const ended = new Promise<void>((resolve) => {
      if (this.child.stdout.readableEnded) resolve();
      else this.child.stdout.on("end", resolve).on("close", resolve);
    });
    void Promise.all([this.exited, ended]).then(([code]) => {
      if (code === 0) return cb();
      const detail = this.stderr.trim().replace(/\s+/g, " ") || `zstd exited with ${code}`;
      cb(new BasescopeError("CorruptLayer", `The layer's zstd data is corrupt or truncated (${detail}).`));
    });
  }

  override _destroy(err: Error | null, cb: (error?: Error | null) => void): void {
    if (this.child.exitCode === null) this.child.kill("SIGKILL");
    cb(err);
  }
}
