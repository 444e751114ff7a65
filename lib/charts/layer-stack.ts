import type { LayerResult } from "@/lib/analysis/types";
import { summarizeCommand } from "./labels";
import type { BarPoint, SeriesSpec } from "./types";

export type StackLayer = Pick<LayerResult, "index" | "compressedBytes" | "uncompressedBytes" | "createdBy">;

export type LayerStackOptions = {
  /** Most segments drawn; the smallest layers beyond it merge into one "other layers" segment. */
  maxSegments?: number;
};

/**
 * One image's layers as a stacked bar: two bars (compressed download, uncompressed content), one
 * segment per layer in build order so the stack reads bottom-up like the Dockerfile.
 */
export function toLayerStack(
  layers: readonly StackLayer[],
  opts: LayerStackOptions = {},
): { data: BarPoint[]; series: SeriesSpec[] } {
  const max = Math.max(2, opts.maxSegments ?? 10);
  const ordered = [...layers].sort((a, b) => a.index - b.index);
  let keep = new Set(ordered.map((l) => l.index));
  if (ordered.length > max) {
    const largest = [...ordered]
      .sort((a, b) => b.uncompressedBytes - a.uncompressedBytes || a.index - b.index)
      .slice(0, max - 1);
    keep = new Set(largest.map((l) => l.index));
  }
  const series: SeriesSpec[] = [];
  const compressed: Record<string, number> = {};
  const uncompressed: Record<string, number> = {};
  let otherCount = 0;
  for (const layer of ordered) {
    if (keep.has(layer.index)) {
      const key = `layer${layer.index}`;
      series.push({ key, label: `#${layer.index + 1} ${summarizeCommand(layer.createdBy, 60)}` });
      compressed[key] = layer.compressedBytes;
      uncompressed[key] = layer.uncompressedBytes;
    } else {
      otherCount++;
      compressed.other = (compressed.other ?? 0) + layer.compressedBytes;
      uncompressed.other = (uncompressed.other ?? 0) + layer.uncompressedBytes;
    }
  }
  if (otherCount > 0) series.push({ key: "other", label: `${otherCount} smaller layers` });
  series.forEach((s, i) => (s.color = (i % 8) + 1));
  return {
    series,
    data: [
      { id: "compressed", label: "Compressed (download)", values: compressed, rowCount: 1 },
      { id: "uncompressed", label: "Uncompressed (files)", values: uncompressed, rowCount: 1 },
    ],
  };
}
