export { BarChart, type BarChartProps } from "./bar-chart";
export { StackedBarChart } from "./stacked-bar-chart";
export { ScatterChart, type ScatterChartProps } from "./scatter-chart";
export { LineChart, type LineChartProps, type TimePoint } from "./line-chart";
export { ChartDataTable, ChartFrame } from "./chart-frame";
export { valueFormat, type ValueKind } from "./value-format";
