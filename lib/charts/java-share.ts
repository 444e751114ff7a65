import type { JavaInfo } from "@/lib/analysis/types";
import { rowLabels } from "./labels";
import type { BarPoint, LabelledRow } from "./types";

export type JavaShareRow = LabelledRow & { filesystemBytes: number; java: JavaInfo | null };

export type JavaSharePoint = BarPoint & { share: number; version: string | null };

/**
 * How much of each image's filesystem is the Java runtime: values.runtime + values.rest = filesystem
 * bytes, share = runtime / filesystem. Sorted by the bytes that are not Java, since that is what the
 * base image adds on top of the runtime. Images without Java are listed by label, not plotted as 0%.
 */
export function toJavaShare(rows: readonly JavaShareRow[]): {
  points: JavaSharePoint[];
  withoutJava: string[];
} {
  const labels = rowLabels(rows);
  const points: JavaSharePoint[] = [];
  const withoutJava: string[] = [];
  for (const row of rows) {
    const label = labels.get(row.id) ?? row.reference;
    if (!row.java) {
      withoutJava.push(label);
      continue;
    }
    const total = Math.max(0, row.filesystemBytes);
    // The runtime is inside the filesystem; clamp so a stale figure never yields a negative remainder.
    const runtime = Math.min(Math.max(0, row.java.bytes), total);
    points.push({
      id: row.id,
      label,
      values: { runtime, rest: total - runtime },
      rowCount: 1,
      share: total > 0 ? runtime / total : 0,
      version: row.java.version,
    });
  }
  points.sort((a, b) => a.values.rest - b.values.rest || a.label.localeCompare(b.label));
  return { points, withoutJava: withoutJava.sort() };
}
