/**
 * Times the layer scanner against the reference `gzip -dc FILE | tar -t > /dev/null` on the same blob,
 * and reports peak RSS, to show the scan stays near decompression speed in constant memory.
 *   npx tsx bench/scan-layer.ts <layer.tar.gz> [runs]
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import { createLayerScanner } from "../lib/layers/layer-scanner";
import type { ScanHooks } from "../lib/layers/hooks";

const file = process.argv[2];
const runs = Number(process.argv[3] ?? 3);
if (!file) {
  console.error("usage: npx tsx bench/scan-layer.ts <layer.tar.gz> [runs]");
  process.exit(2);
}

// Real hooks would only add the few whitelisted files; these keep the bench independent of other folders.
const hooks: ScanHooks = {
  isCapturedFile: (p) => p === "etc/os-release",
  packageDbKind: () => null,
  parsePackageDb: async () => ({ manager: "unknown", format: "none", error: "unused" }),
};
const scanLayer = createLayerScanner(hooks);

function time<T>(fn: () => T): [T, number] {
  const t = process.hrtime.bigint();
  const r = fn();
  return [r, Number(process.hrtime.bigint() - t) / 1e6];
}

async function main() {
  const size = fs.statSync(file).size;
  const tarTimes: number[] = [];
  for (let i = 0; i < runs; i++) {
    tarTimes.push(time(() => execFileSync("sh", ["-c", 'gzip -dc "$0" | tar -t > /dev/null', file]))[1]);
  }
  const scanTimes: number[] = [];
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
  let entries = 0;
  for (let i = 0; i < runs; i++) {
    const t = process.hrtime.bigint();
    const scan = await scanLayer(fs.createReadStream(file, { highWaterMark: 1 << 20 }), { digest: "" });
    scanTimes.push(Number(process.hrtime.bigint() - t) / 1e6);
    entries = scan.entries.length;
  }
  clearInterval(timer);
  peak = Math.max(peak, process.memoryUsage().rss);
  const best = (xs: number[]) => Math.min(...xs).toFixed(0);
  console.log(`blob: ${(size / 1e6).toFixed(1)} MB, ${entries} entries, best of ${runs}`);
  console.log(`gzip -dc | tar -t : ${best(tarTimes)} ms`);
  console.log(
    `scanLayer         : ${best(scanTimes)} ms (${(size / 1e3 / Math.min(...scanTimes)).toFixed(1)} MB/s)`,
  );
  console.log(`peak RSS          : ${(peak / 2 ** 20).toFixed(0)} MiB`);
}

void main();
