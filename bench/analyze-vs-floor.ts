/**
 * A full analysis of the debian-minbase fixture (one ~61 MB gzip layer) from the loopback registry,
 * against the floor any scanner pays for the same blob: `curl | gzip -dc | tar -t`. Each analysis runs in
 * a child process of its own, so its peak RSS (VmHWM) is the analysis and nothing else of this script.
 *   npx tsx bench/analyze-vs-floor.ts [runs=5]
 * Targets: median analysis ≤ 1.5× the median floor, peak RSS ≤ 300 MiB.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { ensureFixtures } from "../scripts/fixtures";
import { runChild, type ChildReport } from "./support/analyze-child";
import { mib, median, ms, printTable, since, verdict } from "./support/stats";

const runs = Number(process.argv[2] ?? 5);

function floorOnce(blobUrl: string): number {
  const start = process.hrtime.bigint();
  const r = spawnSync("bash", [
    "-o",
    "pipefail",
    "-c",
    'curl -fsS "$0" | gzip -dc | tar -t > /dev/null',
    blobUrl,
  ]);
  if (r.status !== 0) throw new Error(`floor pipeline failed: ${r.stderr.toString()}`);
  return since(start);
}

/** Scanners that could be compared, if someone installed one; none is a dependency of this project. */
function installedScanners(): string[] {
  return ["syft", "trivy", "grype", "dive"].filter((tool) => {
    try {
      execFileSync("sh", ["-c", `command -v ${tool}`], { stdio: "ignore" });
      return true;
    } catch {
      return false;
    }
  });
}

async function main() {
  const fx = await ensureFixtures(["debian-minbase"]);
  const ref = fx.images["debian-minbase"];
  const [layer] = fx.records["debian-minbase"].layers;
  const blobUrl = `http://${fx.registry}/v2/${fx.records["debian-minbase"].repo}/blobs/${layer.digest}`;
  const baseline = await runChild(["--noop"]);

  // Alternate floor and analysis so drift (page cache, other load on the box) hits both alike.
  const floor: number[] = [];
  const analyses: ChildReport[] = [];
  floorOnce(blobUrl); // warm the registry's file into the page cache for both sides
  for (let i = 0; i < runs; i++) {
    floor.push(floorOnce(blobUrl));
    analyses.push(await runChild([ref]));
  }
  const cacheDir = mkdtempSync(path.join(os.tmpdir(), "basescope-bench-cache-"));
  let cold: ChildReport, warm: ChildReport;
  try {
    cold = await runChild([ref, "--cache", cacheDir]);
    warm = await runChild([ref, "--cache", cacheDir]);
  } finally {
    rmSync(cacheDir, { recursive: true, force: true });
  }

  const floorMs = median(floor);
  const analysisMs = median(analyses.map((a) => a.analysisMs));
  const peak = Math.max(...analyses.map((a) => a.peakRss));
  const first = analyses[0];
  console.log(`image: ${ref} (1 layer, ${(layer.size / 1e6).toFixed(1)} MB gzip)`);
  console.log(
    `result: ${first.fileCount} files, ${first.packageCount} packages, ${first.filesystemBytes} B on disk`,
  );
  printTable(`median of ${runs} runs each`, [
    ["measure", "median", "min", "max", "target", ""],
    ...[
      ["floor: curl | gzip -dc | tar -t", floor],
      ["analyzeImage (in the child)", analyses.map((a) => a.analysisMs)],
      ["child process wall (incl. start-up)", analyses.map((a) => a.wallMs)],
    ].map(([name, xs]) => [
      name as string,
      ms(median(xs as number[])),
      ms(Math.min(...(xs as number[]))),
      ms(Math.max(...(xs as number[]))),
      "",
      "",
    ]),
    [
      "analysis / floor",
      `${(analysisMs / floorMs).toFixed(2)}×`,
      "",
      "",
      "≤ 1.50×",
      verdict(analysisMs <= 1.5 * floorMs),
    ],
    ["peak RSS of the analysis (VmHWM)", mib(peak), "", "", "≤ 300 MiB", verdict(peak <= 300 * 2 ** 20)],
    ["  of which idle child (tsx + imports)", mib(baseline.peakRss), "", "", "", ""],
    ["layer cache: cold (fills it)", ms(cold.analysisMs), "", "", "", ""],
    ["layer cache: second analysis (hit)", ms(warm.analysisMs), "", "", "", ""],
  ]);
  const scanners = installedScanners();
  console.log(
    scanners.length
      ? `\nscanners installed but not compared here: ${scanners.join(", ")}`
      : "\nno other scanner (syft, trivy, grype, dive) is installed; no comparison made",
  );
}

await main();
