import { rowLabels } from "./labels";
import type { LabelledRow, ScatterGroup, ScatterPoint } from "./types";

export type ScatterRow = LabelledRow & {
  family: string;
  packageCount: number;
  packageManager: string | null;
  compressedBytes: number;
  filesystemBytes: number;
};

export type ScatterOptions = { size?: "compressed" | "filesystem" };

/**
 * Size (y) against package count (x), one group per family so each family gets a colour. Images without
 * a package database are left out (returned separately): plotting them at x=0 would claim "0 packages"
 * when the truth is "unknown".
 */
export function toScatterGroups(
  rows: readonly ScatterRow[],
  opts: ScatterOptions = {},
): { groups: ScatterGroup[]; withoutPackageDb: string[] } {
  const labels = rowLabels(rows);
  const byGroup = new Map<string, ScatterPoint[]>();
  const withoutPackageDb: string[] = [];
  for (const row of rows) {
    const label = labels.get(row.id) ?? row.reference;
    if (row.packageManager === null && row.packageCount === 0) {
      withoutPackageDb.push(label);
      continue;
    }
    const y = opts.size === "filesystem" ? row.filesystemBytes : row.compressedBytes;
    const list = byGroup.get(row.family) ?? [];
    list.push({ id: row.id, label, group: row.family, x: row.packageCount, y });
    byGroup.set(row.family, list);
  }
  const groups = [...byGroup.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([group, points]) => ({ group, points: points.sort((a, b) => a.x - b.x || a.y - b.y) }));
  return { groups, withoutPackageDb: withoutPackageDb.sort() };
}
