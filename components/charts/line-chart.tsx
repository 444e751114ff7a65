"use client";

import {
  CartesianGrid,
  Legend,
  Line,
  LineChart as RLineChart,
  ReferenceLine,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";
import type { SeriesSpec } from "@/lib/charts";
import { formatDate, formatDateTime } from "@/lib/format";
import { useUnits } from "@/components/ui/units-provider";
import { ChartDataTable, ChartFrame } from "./chart-frame";
import { ChartTooltip } from "./chart-tooltip";
import { niceTicks, seriesColor, valueFormat, type ValueKind } from "./value-format";

export type TimePoint = { id: string; t: number; values: Record<string, number> };

export type LineChartProps = {
  title: string;
  points: readonly TimePoint[];
  series: readonly SeriesSpec[];
  valueKind: ValueKind;
  /** Vertical markers, e.g. where the tag moved to a new digest. */
  markers?: readonly { t: number; label: string }[];
  height?: number;
};

/** Values over time on a UTC date axis. */
export function LineChart({ title, points, series, valueKind, markers = [], height = 300 }: LineChartProps) {
  const { system } = useUnits();
  const fmt = valueFormat(valueKind, system);
  const yTicks = niceTicks(
    Math.max(0, ...points.flatMap((p) => series.map((s) => p.values[s.key] ?? 0))),
    valueKind,
    system,
  );
  const table = (
    <ChartDataTable
      caption={title}
      head={["Analysed (UTC)", ...series.map((s) => s.label)]}
      rows={points.map((p) => ({
        key: p.id,
        cells: [formatDateTime(new Date(p.t)), ...series.map((s) => fmt.full(p.values[s.key] ?? 0))],
      }))}
    />
  );
  return (
    <ChartFrame title={title} height={height} dataTable={table}>
      <RLineChart data={[...points]} margin={{ top: 8, right: 16, bottom: 4, left: 8 }}>
        <CartesianGrid stroke="var(--chart-grid)" />
        <XAxis
          type="number"
          dataKey="t"
          scale="time"
          domain={["dataMin", "dataMax"]}
          stroke="var(--chart-axis)"
          tick={{ fill: "var(--chart-axis)", fontSize: 12 }}
          tickFormatter={(t: number) => formatDate(new Date(t))}
        />
        <YAxis
          width={64}
          domain={[0, yTicks[yTicks.length - 1]]}
          ticks={yTicks}
          stroke="var(--chart-axis)"
          tick={{ fill: "var(--chart-axis)", fontSize: 12 }}
          tickFormatter={fmt.tick}
        />
        <Tooltip
          content={(p) => (
            <ChartTooltip {...p} format={fmt} heading={(d) => formatDateTime(new Date((d as TimePoint).t))} />
          )}
        />
        {series.length > 1 ? <Legend wrapperStyle={{ fontSize: 12 }} /> : null}
        {markers.map((m) => (
          <ReferenceLine
            key={m.t}
            x={m.t}
            stroke="var(--chart-axis)"
            strokeDasharray="4 3"
            label={{ value: m.label, fill: "var(--chart-axis)", fontSize: 11, position: "insideTopRight" }}
          />
        ))}
        {series.map((s, i) => (
          <Line
            key={s.key}
            type="monotone"
            name={s.label}
            dataKey={(d: TimePoint) => d.values[s.key] ?? null}
            stroke={seriesColor(s.color, i)}
            strokeWidth={2}
            dot={{ r: 3 }}
            isAnimationActive={false}
          />
        ))}
      </RLineChart>
    </ChartFrame>
  );
}
