import { toLayerStack, type StackLayer } from "@/lib/charts";
import { StackedBarChart } from "@/components/charts/stacked-bar-chart";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";

/** One image's layers stacked in build order: where the download and the files come from. */
export function LayersChart({ layers }: { layers: readonly StackLayer[] }) {
  const { data, series } = toLayerStack(layers, { maxSegments: 8 });
  return (
    <Card
      title="Layers"
      description="Each segment is one layer, in build order. Compressed = downloaded blob; uncompressed = file bytes in the layer's tar."
    >
      {layers.length === 0 ? (
        <EmptyState title="No layers" />
      ) : (
        <StackedBarChart
          title="Layer sizes in build order"
          data={data}
          series={series}
          valueKind="bytes"
          labelWidth={160}
        />
      )}
    </Card>
  );
}
