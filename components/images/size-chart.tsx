import { toBarSeries } from "@/lib/charts";
import { BarChart } from "@/components/charts/bar-chart";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import type { ImageRow } from "../types";

/** Compressed (download) next to on-disk size per image, smallest download first. */
export function SizeChart({ rows, topN = 25 }: { rows: readonly ImageRow[]; topN?: number }) {
  const estimated = new Set(rows.filter((r) => r.compressedIsEstimate).map((r) => r.id));
  const data = toBarSeries(
    rows,
    [
      { key: "compressed", value: (r) => r.compressedBytes },
      { key: "disk", value: (r) => r.filesystemBytes },
    ],
    { topN },
  ).map((p) => (p.id && estimated.has(p.id) ? { ...p, label: `≈ ${p.label}` } : p));
  return (
    <Card
      title="Size: download vs on disk"
      description="Compressed = what a pull downloads (sum of compressed layers). On disk = bytes of the files a container sees."
    >
      {rows.length === 0 ? (
        <EmptyState title="No images yet" />
      ) : (
        <>
          <BarChart
            title="Compressed and on-disk size per image"
            data={data}
            series={[
              { key: "compressed", label: "Compressed (download)", color: 1 },
              { key: "disk", label: "On disk (files)", color: 2 },
            ]}
            valueKind="bytes"
            logToggle
          />
          {estimated.size > 0 ? (
            <p className="mt-2 text-xs text-muted">
              ≈ before a name: that image was never pushed to a registry, so its compressed size is an
              estimate (the gzip size of its layers, computed here). Its on-disk size is measured.
            </p>
          ) : null}
        </>
      )}
    </Card>
  );
}
