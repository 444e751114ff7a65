import { toJavaShare } from "@/lib/charts";
import { formatPercent } from "@/lib/format";
import { StackedBarChart } from "@/components/charts/stacked-bar-chart";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import type { ImageRow } from "../types";

/** How much of each Java image is the runtime itself and how much the base underneath adds. */
export function JavaShareChart({ rows }: { rows: readonly ImageRow[] }) {
  const { points, withoutJava } = toJavaShare(rows);
  const data = points.map((p) => ({ ...p, label: `${p.label} · ${formatPercent(p.share, 0)} Java` }));
  return (
    <Card
      title="Java runtime share"
      description="On-disk bytes of the Java runtime directory against everything else in the image. Sorted by the non-Java part: the cost of the base."
    >
      {points.length === 0 ? (
        <EmptyState
          title="No Java runtime found"
          description="None of these images contains a Java runtime."
        />
      ) : (
        <StackedBarChart
          title="Java runtime and the rest of the filesystem per image"
          data={data}
          series={[
            { key: "runtime", label: "Java runtime", color: 1 },
            { key: "rest", label: "Everything else", color: 8 },
          ]}
          valueKind="bytes"
          labelWidth={220}
        />
      )}
      {withoutJava.length > 0 && points.length > 0 ? (
        <p className="mt-2 text-xs text-muted">Without Java: {withoutJava.join(", ")}</p>
      ) : null}
    </Card>
  );
}
