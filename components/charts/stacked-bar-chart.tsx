"use client";

import { BarChart, type BarChartProps } from "./bar-chart";

/** Bars whose series add up (runtime + rest, one segment per layer). Linear scale only. */
export function StackedBarChart(props: Omit<BarChartProps, "stacked" | "logToggle">) {
  return <BarChart {...props} stacked logToggle={false} />;
}
