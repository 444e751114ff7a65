import { toLayerStack, type StackLayer } from "@/lib/charts";
import { StackedBarChart } from "@/components/charts/stacked-bar-chart";
import { EmptyState } from "@/components/ui/empty-state";

/**
 * One image's layers stacked in build order: where the download and the files come from. No card of its
 * own: it sits in the page's "Layers" card above the table of the same layers.
 */
export function LayersChart({ layers }: { layers: readonly StackLayer[] }) {
  if (layers.length === 0) return <EmptyState title="No layers" />;
  const { data, series } = toLayerStack(layers, { maxSegments: 8 });
  return (
    <StackedBarChart
      title="Layer sizes in build order"
      data={data}
      series={series}
      valueKind="bytes"
      labelWidth={160}
    />
  );
}
