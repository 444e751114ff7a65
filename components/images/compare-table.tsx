import Link from "next/link";
import type { ReactNode } from "react";
import {
  formatArchitecture,
  formatCount,
  formatCountDelta,
  formatDate,
  formatRelativeChange,
  shortReference,
} from "@/lib/format";
import { Breakable } from "@/components/ui/breakable";
import { Bytes } from "@/components/ui/bytes";
import type { ImageRow } from "../types";
import { imageHref, javaText, libcText, osText, userText } from "./facts";

type NumericMetric = {
  label: string;
  hint: string;
  kind: "bytes" | "count";
  value: (r: ImageRow) => number | null;
};
type TextMetric = { label: string; text: (r: ImageRow) => string };

const NUMERIC: NumericMetric[] = [
  { label: "Compressed", hint: "what a pull downloads", kind: "bytes", value: (r) => r.compressedBytes },
  { label: "On disk", hint: "files a container sees", kind: "bytes", value: (r) => r.filesystemBytes },
  {
    label: "Layer content",
    hint: "Σ file bytes of all layers",
    kind: "bytes",
    value: (r) => r.uncompressedBytes,
  },
  {
    label: "Java runtime",
    hint: "bytes of the runtime directory",
    kind: "bytes",
    value: (r) => r.java?.bytes ?? null,
  },
  { label: "Wasted", hint: "paths in more than one layer", kind: "bytes", value: (r) => r.wastedBytes },
  { label: "Files", hint: "regular files and links", kind: "count", value: (r) => r.fileCount },
  { label: "Layers", hint: "", kind: "count", value: (r) => r.layerCount },
  {
    label: "Packages",
    hint: "in the package database",
    kind: "count",
    value: (r) => (r.packageManager || r.packageCount > 0 ? r.packageCount : null),
  },
];

const TEXT: TextMetric[] = [
  { label: "OS", text: (r) => osText(r.os) },
  { label: "libc", text: (r) => libcText(r.libc) },
  { label: "Shell", text: (r) => r.shell ?? "none" },
  { label: "Package database", text: (r) => r.packageManager ?? "none" },
  { label: "Package manager tool", text: (r) => r.packageManagerBinary ?? "none" },
  { label: "Java", text: (r) => javaText(r.java) },
  { label: "User", text: (r) => userText(r.user) },
  { label: "Debug variant", text: (r) => (r.debugVariant ? "yes" : "no") },
  { label: "Analysed", text: (r) => formatDate(r.analyzedAt) },
];

/** 2-4 images side by side; every number after the first column shows its difference from the first. */
export function CompareTable({ rows }: { rows: readonly ImageRow[] }) {
  const [base] = rows;
  if (!base) return null;
  return (
    // relative: the screen-reader-only "differs" notes stay inside this scroll box, not past the page edge.
    <div className="relative overflow-x-auto rounded-md border border-line">
      <table className="w-full border-collapse text-sm">
        <caption className="sr-only">
          Side-by-side comparison; differences are relative to {shortReference(base.reference)}
        </caption>
        <thead className="bg-surface-2">
          <tr>
            <td className="px-3 py-2" />
            {rows.map((r, i) => (
              <th key={r.id} scope="col" className="min-w-40 px-3 py-2 text-left align-bottom">
                <Link href={imageHref(r.id)} className="break-words hover:underline">
                  <Breakable text={shortReference(r.reference)} />
                </Link>
                <div className="text-xs font-normal text-muted">
                  {formatArchitecture(r.platform)}
                  {i === 0 ? " · baseline" : ""}
                </div>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {NUMERIC.map((m) => (
            <tr key={m.label} className="border-t border-line">
              <th scope="row" className="px-3 py-2 text-left font-medium">
                {m.label}
                {m.hint ? <div className="text-xs font-normal text-muted">{m.hint}</div> : null}
              </th>
              {rows.map((r, i) => (
                <td key={r.id} className="px-3 py-2 align-top tabular-nums">
                  <NumericCell metric={m} row={r} base={i === 0 ? null : base} />
                </td>
              ))}
            </tr>
          ))}
          {TEXT.map((m) => (
            <tr key={m.label} className="border-t border-line">
              <th scope="row" className="px-3 py-2 text-left font-medium">
                {m.label}
              </th>
              {rows.map((r, i) => {
                const text = m.text(r);
                const differs = i > 0 && text !== m.text(base);
                return (
                  <td key={r.id} className={`px-3 py-2 align-top ${differs ? "font-semibold" : ""}`}>
                    {text}
                    {differs ? <span className="sr-only"> (differs from the baseline)</span> : null}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function NumericCell({ metric, row, base }: { metric: NumericMetric; row: ImageRow; base: ImageRow | null }) {
  const v = metric.value(row);
  if (v === null) return <span className="text-muted">–</span>;
  const value =
    metric.kind === "bytes" ? (
      <Bytes value={v} estimate={metric.label === "Compressed" && row.compressedIsEstimate} />
    ) : (
      formatCount(v)
    );
  const b = base ? metric.value(base) : null;
  if (b === null) return <>{value}</>;
  const d = v - b;
  const rel = formatRelativeChange(v, b);
  // Smaller is better for every figure here; the sign and words carry it, colour only repeats it.
  const tone = d < 0 ? "text-good" : d > 0 ? "text-bad" : "text-muted";
  let delta: ReactNode = formatCountDelta(d);
  if (metric.kind === "bytes") delta = <Bytes value={d} delta />;
  return (
    <>
      {value}
      <div className={`text-xs ${tone}`}>
        {delta}
        {rel && d !== 0 ? ` (${rel})` : ""}
      </div>
    </>
  );
}
