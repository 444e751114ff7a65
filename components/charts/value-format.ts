import {
  formatBytes,
  formatBytesTick,
  formatCount,
  formatExactBytes,
  formatPercent,
  type UnitSystem,
} from "@/lib/format";

/** What a chart's numbers are, so server components can say it without passing functions. */
export type ValueKind = "bytes" | "count" | "percent";

export type ValueFormat = {
  /** Short text for axis ticks. */
  tick: (v: number) => string;
  /** Text in tooltips and data tables. */
  full: (v: number) => string;
  /** Extra precision for tooltips (exact bytes), or null. */
  exact: (v: number) => string | null;
};

export function valueFormat(kind: ValueKind, system: UnitSystem): ValueFormat {
  switch (kind) {
    case "bytes":
      return {
        tick: (v) => formatBytesTick(v, system),
        full: (v) => formatBytes(v, { system }),
        exact: (v) => formatExactBytes(v),
      };
    case "percent":
      return { tick: (v) => formatPercent(v, 0), full: (v) => formatPercent(v), exact: () => null };
    default:
      return { tick: (v) => formatCount(v), full: (v) => formatCount(v), exact: () => null };
  }
}

/** Colour slot 1..8 → the CSS variable defined in app/globals.css (switches with dark mode). */
export function seriesColor(slot: number | undefined, index: number): string {
  const n = slot ?? (index % 8) + 1;
  return `var(--chart-${((n - 1) % 8) + 1})`;
}

export function truncateLabel(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** Power-of-ten domain and ticks for a log axis; null when there is no positive value to plot. */
export function logDomain(values: readonly number[]): { domain: [number, number]; ticks: number[] } | null {
  const positive = values.filter((v) => v > 0 && Number.isFinite(v));
  if (positive.length === 0) return null;
  const lo = 10 ** Math.floor(Math.log10(Math.min(...positive)));
  let hi = 10 ** Math.ceil(Math.log10(Math.max(...positive)));
  if (hi <= lo) hi = lo * 10;
  const ticks: number[] = [];
  for (let t = lo; t <= hi * 1.0001; t *= 10) ticks.push(t);
  return { domain: [lo, hi], ticks };
}
