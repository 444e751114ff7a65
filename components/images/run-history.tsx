import { toSizeHistory } from "@/lib/charts";
import { formatCount, formatDateTime, shortDigest } from "@/lib/format";
import { LineChart } from "@/components/charts/line-chart";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import { Bytes } from "@/components/ui/bytes";
import { EmptyState } from "@/components/ui/empty-state";
import type { RunHistoryEntry } from "../types";

const STATUS_TONE: Record<string, BadgeTone> = {
  succeeded: "good",
  failed: "bad",
  running: "info",
  queued: "neutral",
};

/** Every analysis of one tag: size over time (marking digest changes) and the list of runs. */
export function RunHistory({ runs }: { runs: readonly RunHistoryEntry[] }) {
  if (runs.length === 0) return <EmptyState title="No runs yet" />;
  const points = toSizeHistory(runs);
  const changed = new Set(points.filter((p) => p.digestChanged).map((p) => p.id));
  const ordered = [...runs].sort((a, b) => Date.parse(b.analyzedAt) - Date.parse(a.analyzedAt));
  return (
    <div className="space-y-4">
      {points.length >= 2 ? (
        <LineChart
          title="Size of this tag over time"
          points={points.map((p) => ({ id: p.id, t: p.t, values: p.values }))}
          series={[
            { key: "compressed", label: "Compressed (download)", color: 1 },
            { key: "filesystem", label: "On disk (files)", color: 2 },
          ]}
          valueKind="bytes"
          markers={points.filter((p) => p.digestChanged).map((p) => ({ t: p.t, label: "new digest" }))}
        />
      ) : (
        <p className="text-sm text-muted">The chart appears after a second successful run of this tag.</p>
      )}
      <div className="relative overflow-x-auto rounded-md border border-line">
        <table className="w-full border-collapse text-sm">
          <caption className="sr-only">Analysis runs of this tag, newest first</caption>
          <thead className="bg-surface-2">
            <tr>
              {["Analysed", "Status", "Digest", "Compressed", "On disk", "Packages"].map((h, i) => (
                <th
                  key={h}
                  scope="col"
                  className={`px-3 py-2 whitespace-nowrap ${i >= 3 ? "text-right" : "text-left"}`}
                >
                  {h}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {ordered.map((r) => {
              const ok = r.status === undefined || r.status === "succeeded";
              return (
                <tr key={r.id} className="border-t border-line">
                  <td className="px-3 py-2 whitespace-nowrap">
                    <time dateTime={r.analyzedAt}>{formatDateTime(r.analyzedAt)}</time>
                  </td>
                  <td className="px-3 py-2">
                    <Badge tone={STATUS_TONE[r.status ?? "succeeded"] ?? "neutral"}>
                      {r.status ?? "succeeded"}
                    </Badge>
                    {r.error ? <div className="mt-1 text-xs text-bad break-words">{r.error}</div> : null}
                  </td>
                  <td className="px-3 py-2" title={r.digest}>
                    <code className="text-xs">{shortDigest(r.digest)}</code>
                    {changed.has(r.id) ? (
                      <span className="ml-1">
                        <Badge tone="info">new digest</Badge>
                      </span>
                    ) : null}
                  </td>
                  <td className="px-3 py-2 text-right">{ok ? <Bytes value={r.compressedBytes} /> : "–"}</td>
                  <td className="px-3 py-2 text-right">{ok ? <Bytes value={r.filesystemBytes} /> : "–"}</td>
                  <td className="px-3 py-2 text-right tabular-nums">
                    {ok ? formatCount(r.packageCount) : "–"}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </div>
  );
}
