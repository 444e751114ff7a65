import { rowLabels, toBarSeries } from "@/lib/charts";
import { BarChart } from "@/components/charts/bar-chart";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import type { ImageRow } from "../types";

/** Installed packages per image. Images without a package database are named, not drawn as zero. */
export function PackagesChart({ rows, topN = 25 }: { rows: readonly ImageRow[]; topN?: number }) {
  const withDb = rows.filter((r) => r.packageManager !== null || r.packageCount > 0);
  const labels = rowLabels(rows);
  const without = rows.filter((r) => !withDb.includes(r)).map((r) => labels.get(r.id) ?? r.reference);
  const data = toBarSeries(withDb, [{ key: "packages", value: (r) => r.packageCount }], { topN });
  return (
    <Card
      title="Packages"
      description="Packages recorded in the image's package database (dpkg, apk or rpm). Fewer packages, fewer things to patch."
    >
      {withDb.length === 0 ? (
        <EmptyState
          title="No package databases found"
          description="None of these images has a dpkg, apk or rpm database."
        />
      ) : (
        <BarChart
          title="Installed packages per image"
          data={data}
          series={[{ key: "packages", label: "Packages", color: 3 }]}
          valueKind="count"
          logToggle
        />
      )}
      {without.length > 0 ? (
        <p className="mt-2 text-xs text-muted">No package database: {without.sort().join(", ")}</p>
      ) : null}
    </Card>
  );
}
