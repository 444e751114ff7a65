import { toScatterGroups } from "@/lib/charts";
import { ScatterChart } from "@/components/charts/scatter-chart";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import type { ImageRow } from "../types";

type Props = { rows: readonly ImageRow[]; size?: "compressed" | "filesystem" };

/** Size against package count, one colour per family: outliers are images heavy for their package set. */
export function SizeVsPackagesChart({ rows, size = "compressed" }: Props) {
  const { groups, withoutPackageDb } = toScatterGroups(rows, { size });
  const sizeLabel = size === "compressed" ? "Compressed size" : "On-disk size";
  return (
    <Card
      title="Size vs packages"
      description={`${sizeLabel} (${size === "compressed" ? "download" : "files"}) against installed package count, by family.`}
    >
      {groups.length === 0 ? (
        <EmptyState title="Nothing to plot" description="No image has a package database." />
      ) : (
        <ScatterChart
          title={`${sizeLabel} against package count`}
          groups={groups}
          xLabel="Packages"
          yLabel={sizeLabel}
          xKind="count"
          yKind="bytes"
        />
      )}
      {withoutPackageDb.length > 0 ? (
        <p className="mt-2 text-xs text-muted">
          Not plotted (no package database): {withoutPackageDb.join(", ")}
        </p>
      ) : null}
    </Card>
  );
}
