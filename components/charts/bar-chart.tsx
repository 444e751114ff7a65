"use client";

import { useState } from "react";
import { Bar, BarChart as RBarChart, CartesianGrid, Legend, Tooltip, XAxis, YAxis } from "recharts";
import type { BarPoint, SeriesSpec } from "@/lib/charts";
import { useUnits } from "@/components/ui/units-provider";
import { ChartDataTable, ChartFrame } from "./chart-frame";
import { ChartTooltip } from "./chart-tooltip";
import { CategoryTick } from "./category-tick";
import { useElementWidth } from "./use-element-width";
import { logDomain, niceTicks, seriesColor, valueFormat, type ValueKind } from "./value-format";

export type BarChartProps = {
  title: string;
  data: readonly BarPoint[];
  series: readonly SeriesSpec[];
  valueKind: ValueKind;
  stacked?: boolean;
  /** Offer a log-scale switch (not for stacked bars, where log segments would lie about proportions). */
  logToggle?: boolean;
  /** Width reserved for category labels. */
  labelWidth?: number;
  /** Bar thickness in px; the chart grows with the number of categories. */
  barSize?: number;
};

/** Horizontal bars (long image names read best on the vertical axis), one category per BarPoint. */
export function BarChart({
  title,
  data,
  series,
  valueKind,
  stacked = false,
  logToggle = false,
  labelWidth = 170,
  barSize,
}: BarChartProps) {
  const { system } = useUnits();
  const [log, setLog] = useState(false);
  const [boxRef, boxWidth] = useElementWidth<HTMLDivElement>();
  // On a phone a fixed label column would leave the bars a sliver; labels then get at most ~40% of it.
  const labelsWidth =
    boxWidth > 0 ? Math.min(labelWidth, Math.max(96, Math.round(boxWidth * 0.4))) : labelWidth;
  const fmt = valueFormat(valueKind, system);
  const useLog = log && logToggle && !stacked;
  const all = data.flatMap((d) => series.map((s) => d.values[s.key] ?? 0));
  const logAxis = useLog ? logDomain(all) : null;
  const stackTotals = data.map((d) => series.reduce((sum, s) => sum + (d.values[s.key] ?? 0), 0));
  const linearTicks = niceTicks(Math.max(0, ...(stacked ? stackTotals : all)), valueKind, system);
  const thickness = barSize ?? (stacked || series.length === 1 ? 18 : 12);
  // Room for a two-line label per category.
  const perCategory = Math.max(34, stacked ? thickness + 12 : thickness * series.length + 14);
  // A legend that wraps onto more lines takes its height from the plot; give those lines back (~6.5 px a
  // character at 12 px, plus the swatch).
  const legendChars = series.reduce((n, s) => n + s.label.length + 4, 0);
  const legendLines =
    series.length > 1 && boxWidth > 0 ? Math.ceil((legendChars * 6.5) / Math.max(1, boxWidth - 24)) : 1;
  const height =
    Math.max(140, data.length * perCategory + (series.length > 1 ? 80 : 50)) + (legendLines - 1) * 18;

  const controls =
    logToggle && !stacked ? (
      <label className="inline-flex items-center gap-1.5">
        <input type="checkbox" checked={log} onChange={(e) => setLog(e.target.checked)} />
        Log scale
      </label>
    ) : null;

  const table = (
    <ChartDataTable
      caption={title}
      head={["", ...series.map((s) => s.label)]}
      rows={data.map((d) => ({
        key: d.id ?? d.label,
        cells: [d.label, ...series.map((s) => fmt.full(d.values[s.key] ?? 0))],
      }))}
    />
  );

  return (
    <div ref={boxRef} className="min-w-0">
      <ChartFrame title={title} height={height} controls={controls} dataTable={table}>
        <RBarChart
          data={[...data]}
          layout="vertical"
          margin={{ top: 4, right: 16, bottom: 4, left: 4 }}
          barGap={2}
        >
          <CartesianGrid horizontal={false} stroke="var(--chart-grid)" />
          <XAxis
            type="number"
            stroke="var(--chart-axis)"
            tick={{ fill: "var(--chart-axis)", fontSize: 12 }}
            tickFormatter={fmt.tick}
            {...(logAxis
              ? {
                  scale: "log" as const,
                  domain: logAxis.domain,
                  ticks: logAxis.ticks,
                  allowDataOverflow: true,
                }
              : { domain: [0, linearTicks[linearTicks.length - 1]], ticks: linearTicks })}
          />
          <YAxis
            type="category"
            dataKey="label"
            width={labelsWidth}
            interval={0}
            stroke="var(--chart-axis)"
            // ~7.5 px a character at 12 px, less the tick's offset: wider guesses got clipped on the left.
            tick={(p: object) => <CategoryTick {...p} maxChars={Math.floor((labelsWidth - 10) / 7.5)} />}
          />
          <Tooltip
            cursor={{ fill: "var(--surface-2)" }}
            content={(p) => (
              <ChartTooltip
                {...p}
                format={fmt}
                note={(d) => {
                  const point = d as BarPoint | undefined;
                  return point && point.rowCount > 1 ? `Stands for ${point.rowCount} images` : null;
                }}
              />
            )}
          />
          {series.length > 1 ? (
            // Series named after build steps can hold long unbroken words (file:<sha256>); let them wrap.
            <Legend
              wrapperStyle={{ fontSize: 12 }}
              formatter={(value: string) => (
                <span style={{ whiteSpace: "normal", overflowWrap: "anywhere" }}>{value}</span>
              )}
            />
          ) : null}
          {series.map((s, i) => (
            <Bar
              key={s.key}
              name={s.label}
              dataKey={(d: BarPoint) => {
                const v = d.values[s.key];
                // A log axis cannot place zero; leave the bar out rather than draw it at the axis minimum.
                return useLog && !(v > 0) ? null : (v ?? 0);
              }}
              fill={seriesColor(s.color, i)}
              stackId={stacked ? "stack" : undefined}
              barSize={thickness}
              isAnimationActive={false}
            />
          ))}
        </RBarChart>
      </ChartFrame>
    </div>
  );
}
