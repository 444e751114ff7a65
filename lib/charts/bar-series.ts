import type { BarPoint, LabelledRow } from "./types";
import { rowLabels } from "./labels";

export type BarMetric<R> = { key: string; value: (row: R) => number };

export type BarSeriesOptions = {
  /** Metric key the bars are ordered by; the first metric when omitted. */
  sortBy?: string;
  /** "asc" puts the smallest image first, which is what someone choosing a base image reads first. */
  order?: "asc" | "desc";
  /** Keep this many rows; the rest are merged into one "others" point. Omit to keep all. */
  topN?: number;
  /**
   * How the others bucket combines values: "mean" keeps the bar on the same scale as single images,
   * "sum" suits additive totals. The label says which one it is.
   */
  othersAggregate?: "mean" | "sum";
};

/** Rows → bar points sorted by one metric, with an honest "others" bucket past topN. */
export function toBarSeries<R extends LabelledRow>(
  rows: readonly R[],
  metrics: readonly BarMetric<R>[],
  opts: BarSeriesOptions = {},
): BarPoint[] {
  if (metrics.length === 0) return [];
  const labels = rowLabels(rows);
  const sortKey = opts.sortBy ?? metrics[0].key;
  const direction = opts.order === "desc" ? -1 : 1;
  const points: BarPoint[] = rows.map((row) => ({
    id: row.id,
    label: labels.get(row.id) ?? row.reference,
    values: Object.fromEntries(metrics.map((m) => [m.key, m.value(row)])),
    rowCount: 1,
  }));
  points.sort(
    (a, b) =>
      direction * ((a.values[sortKey] ?? 0) - (b.values[sortKey] ?? 0)) || a.label.localeCompare(b.label),
  );
  const topN = opts.topN;
  if (topN === undefined || points.length <= topN + 1) return points;
  const kept = points.slice(0, Math.max(0, topN));
  return [...kept, mergeOthers(points.slice(kept.length), opts.othersAggregate ?? "mean")];
}

function mergeOthers(rest: BarPoint[], aggregate: "mean" | "sum"): BarPoint {
  const values: Record<string, number> = {};
  for (const p of rest) {
    for (const [k, v] of Object.entries(p.values)) values[k] = (values[k] ?? 0) + v;
  }
  if (aggregate === "mean") {
    for (const k of Object.keys(values)) values[k] /= rest.length;
  }
  const what = aggregate === "mean" ? "average" : "total";
  return { id: null, label: `Others (${rest.length} images, ${what})`, values, rowCount: rest.length };
}
