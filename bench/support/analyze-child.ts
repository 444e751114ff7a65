/**
 * One analysis in a process of its own, so its peak RSS is the analysis alone. Run as a script it analyses
 * the reference given and prints one JSON line; `runChild` is the parent's side.
 *   node --import tsx bench/support/analyze-child.ts <reference> [--cache dir] | --noop
 */
import { spawn } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { analyzeImage } from "../../lib/analysis/analyze";
import { dirLayerCache } from "../../lib/analysis/layer-cache";
import { procStatusBytes } from "./proc";
import { since } from "./stats";

export type ChildReport = {
  analysisMs: number;
  wallMs: number;
  /** VmHWM of the child: the most memory it ever held resident. */
  peakRss: number;
  fileCount: number;
  packageCount: number;
  filesystemBytes: number;
};

const self = fileURLToPath(import.meta.url);

export function runChild(args: string[]): Promise<ChildReport> {
  const start = process.hrtime.bigint();
  const child = spawn(process.execPath, ["--import", "tsx", self, ...args], {
    cwd: path.resolve(path.dirname(self), "../.."),
    stdio: ["ignore", "pipe", "inherit"],
  });
  let out = "";
  child.stdout.on("data", (d: Buffer) => (out += d.toString()));
  return new Promise((resolve, reject) => {
    child.on("error", reject);
    child.on("close", (code) => {
      if (code !== 0) return reject(new Error(`analysis child exited with ${code}`));
      resolve({ ...(JSON.parse(out) as Omit<ChildReport, "wallMs">), wallMs: since(start) });
    });
  });
}

async function child(argv: string[]) {
  const report = { analysisMs: 0, fileCount: 0, packageCount: 0, filesystemBytes: 0 };
  if (argv[0] !== "--noop") {
    const cacheAt = argv.indexOf("--cache");
    const start = process.hrtime.bigint();
    const result = await analyzeImage(
      { reference: argv[0], source: "registry" },
      { cache: cacheAt > 0 ? dirLayerCache(argv[cacheAt + 1]) : undefined },
    );
    Object.assign(report, {
      analysisMs: since(start),
      fileCount: result.fileCount,
      packageCount: result.packages.count,
      filesystemBytes: result.filesystemBytes,
    });
  }
  process.stdout.write(`${JSON.stringify({ ...report, peakRss: procStatusBytes(process.pid, "VmHWM") })}\n`);
}

if (process.argv[1] === self) await child(process.argv.slice(2));
