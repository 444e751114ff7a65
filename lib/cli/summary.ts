import type { AnalysisResult } from "../analysis/types";
import { formatBytes } from "../format";

const exact = (n: number) => `${formatBytes(n)} (${n.toLocaleString("en-US")} bytes)`;

/** The readable summary the CLI prints without --json. */
export function summaryTable(r: AnalysisResult): string {
  const rows: [string, string][] = [
    ["reference", r.reference],
    ["digest", r.digest],
    ["platform", r.platform],
    ["source", r.source],
    [
      "compressed",
      `${exact(r.compressedBytes)}${r.compressedIsEstimate ? "  [estimate: gzip -6 of each layer]" : ""}`,
    ],
    ["uncompressed", exact(r.uncompressedBytes)],
    ["on disk", exact(r.filesystemBytes)],
    ["files", String(r.fileCount)],
    ["layers", String(r.layers.length)],
    ["packages", r.packages.manager ? `${r.packages.count} (${r.packages.manager})` : "none found"],
    ["os", r.os.prettyName ?? r.os.id ?? "unknown"],
    ["libc", r.libc.kind + (r.libc.version ? ` ${r.libc.version}` : "")],
    ["shell", r.shell ?? "none"],
    ["package manager", r.packageManager ?? "none"],
    [
      "java",
      r.java
        ? `${r.java.version ?? "?"} ${r.java.imageType ?? ""} ${r.java.vendor ?? ""} at ${r.java.home} (${formatBytes(r.java.bytes)})`
        : "none",
    ],
    ["user", r.user === "" ? "root (unset)" : r.user],
    ["wasted", `${exact(r.wastedBytes)}, efficiency ${(r.efficiency * 100).toFixed(2)} %`],
  ];
  const width = Math.max(...rows.map(([k]) => k.length));
  const lines = rows.map(([k, v]) => `${k.padEnd(width)}  ${v}`);
  const layerLines = r.layers.map(
    (l) =>
      `  #${l.index}  ${formatBytes(l.compressedBytes).padStart(9)}  ${formatBytes(l.uncompressedBytes).padStart(9)}  ${(l.createdBy ?? "").slice(0, 80)}`,
  );
  const notes = r.notes.map((n) => `note: ${n}`);
  return [...lines, "", "layers:   compressed  uncompressed  created by", ...layerLines, ...notes, ""].join(
    "\n",
  );
}
