"use client";

import {
  CartesianGrid,
  Legend,
  Scatter,
  ScatterChart as RScatterChart,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";
import type { ScatterGroup, ScatterPoint } from "@/lib/charts";
import { useUnits } from "@/components/ui/units-provider";
import { ChartDataTable, ChartFrame } from "./chart-frame";
import { niceTicks, seriesColor, valueFormat, type ValueKind } from "./value-format";

export type ScatterChartProps = {
  title: string;
  groups: readonly ScatterGroup[];
  xLabel: string;
  yLabel: string;
  xKind: ValueKind;
  yKind: ValueKind;
  height?: number;
};

/** One colour per group; each point is an image, named in the tooltip and the data table. */
export function ScatterChart({
  title,
  groups,
  xLabel,
  yLabel,
  xKind,
  yKind,
  height = 340,
}: ScatterChartProps) {
  const { system } = useUnits();
  const fx = valueFormat(xKind, system);
  const fy = valueFormat(yKind, system);
  const points = groups.flatMap((g) => g.points);
  const xTicks = niceTicks(Math.max(0, ...points.map((p) => p.x)), xKind, system);
  const yTicks = niceTicks(Math.max(0, ...points.map((p) => p.y)), yKind, system);
  const table = (
    <ChartDataTable
      caption={title}
      head={["Image", "Group", xLabel, yLabel]}
      rows={points.map((p) => ({ key: p.id, cells: [p.label, p.group, fx.full(p.x), fy.full(p.y)] }))}
    />
  );
  return (
    <ChartFrame title={title} height={height} dataTable={table}>
      <RScatterChart margin={{ top: 8, right: 16, bottom: 24, left: 8 }}>
        <CartesianGrid stroke="var(--chart-grid)" />
        <XAxis
          type="number"
          dataKey="x"
          name={xLabel}
          domain={[0, xTicks[xTicks.length - 1]]}
          ticks={xTicks}
          stroke="var(--chart-axis)"
          tick={{ fill: "var(--chart-axis)", fontSize: 12 }}
          tickFormatter={fx.tick}
          label={{
            value: xLabel,
            position: "insideBottom",
            offset: -14,
            fill: "var(--chart-axis)",
            fontSize: 12,
          }}
        />
        <YAxis
          type="number"
          dataKey="y"
          name={yLabel}
          domain={[0, yTicks[yTicks.length - 1]]}
          ticks={yTicks}
          width={64}
          stroke="var(--chart-axis)"
          tick={{ fill: "var(--chart-axis)", fontSize: 12 }}
          tickFormatter={fy.tick}
        />
        <Tooltip
          cursor={{ strokeDasharray: "3 3" }}
          content={({ active, payload }) => {
            const p = (payload?.[0]?.payload ?? null) as ScatterPoint | null;
            if (!active || !p) return null;
            return (
              <div className="max-w-xs rounded-md border border-line bg-surface px-3 py-2 text-xs text-fg shadow-md">
                <p className="font-semibold break-words">{p.label}</p>
                <p className="text-muted">{p.group}</p>
                <p>
                  {xLabel}: <span className="font-medium tabular-nums">{fx.full(p.x)}</span>
                </p>
                <p title={fy.exact(p.y) ?? undefined}>
                  {yLabel}: <span className="font-medium tabular-nums">{fy.full(p.y)}</span>
                </p>
              </div>
            );
          }}
        />
        <Legend verticalAlign="top" wrapperStyle={{ fontSize: 12 }} />
        {groups.map((g, i) => (
          <Scatter
            key={g.group}
            name={g.group}
            data={[...g.points]}
            fill={seriesColor(undefined, i)}
            isAnimationActive={false}
          />
        ))}
      </RScatterChart>
    </ChartFrame>
  );
}
