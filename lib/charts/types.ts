/**
 * Chart-ready shapes. They are plain serialisable objects so a server component can compute them and
 * hand them to a client chart; the chart primitives read `values[key]` for each series.
 */

/** One category on a bar chart (an image, or the "others" bucket) with one value per series key. */
export type BarPoint = {
  /** The row id, null for the merged "others" bucket. */
  id: string | null;
  label: string;
  values: Record<string, number>;
  /** How many rows this point stands for (1, or the size of the others bucket). */
  rowCount: number;
};

/** A series drawn by a chart: the key into `values`, a human label, and an optional colour slot 1-8. */
export type SeriesSpec = { key: string; label: string; color?: number };

export type ScatterPoint = { id: string; label: string; group: string; x: number; y: number };
export type ScatterGroup = { group: string; points: ScatterPoint[] };

/** Minimal identity every row-based transform needs; ImageRow satisfies it. */
export type LabelledRow = { id: string; reference: string; platform: string };
