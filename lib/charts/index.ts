export type { BarPoint, LabelledRow, ScatterGroup, ScatterPoint, SeriesSpec } from "./types";
export { rowLabels, summarizeCommand } from "./labels";
export { toBarSeries, type BarMetric, type BarSeriesOptions } from "./bar-series";
export { toScatterGroups, type ScatterRow, type ScatterOptions } from "./scatter";
export { toJavaShare, type JavaSharePoint, type JavaShareRow } from "./java-share";
export { toLayerStack, type LayerStackOptions, type StackLayer } from "./layer-stack";
export { toSizeHistory, type HistoryPoint, type HistoryRun } from "./history";
