import type { HistoryEntry } from "./types";

/**
 * Pairs each layer with the history entry that made it. History has one entry per instruction, and
 * those that made no layer are marked `empty_layer`; Size == 0 is not that test (an empty RUN still
 * makes a layer). When the counts don't line up (hand-made images), layers get no entry rather than a
 * wrong one.
 */
export function historyForLayers(
  history: HistoryEntry[] | undefined,
  layerCount: number,
): (HistoryEntry | null)[] {
  const nonEmpty = (history ?? []).filter((h) => !h.empty_layer);
  if (nonEmpty.length !== layerCount) return Array.from({ length: layerCount }, () => null);
  return nonEmpty;
}
