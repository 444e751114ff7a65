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

/**
 * Round ticks from 0 to at least `max`: steps of 1, 2, 2.5 or 5 × 10^n in the unit the labels use, so a
 * bytes axis reads 0, 50 MB, 100 MB (SI) or 0, 64 MiB, 128 MiB… rather than 0, 70 MB, 140 MB.
 */
export function niceTicks(max: number, kind: ValueKind, system: UnitSystem, count = 5): number[] {
  if (!(max > 0) || !Number.isFinite(max)) return [0, 1];
  const base = system === "iec" ? 1024 : 1000;
  let unit = 1;
  if (kind === "bytes") while (max / unit >= base) unit *= base;
  const scaled = max / unit;
  const magnitude = 10 ** Math.floor(Math.log10(scaled / count));
  const steps = (kind === "bytes" && system === "iec" ? [1, 2, 4, 8] : [1, 2, 2.5, 5]).flatMap((s) => [
    s * magnitude,
    s * magnitude * 10,
  ]);
  const step = steps.sort((a, b) => a - b).find((s) => Math.ceil(scaled / s) <= count) ?? scaled;
  const n = Math.max(1, Math.ceil(scaled / step - 1e-9));
  return Array.from({ length: n + 1 }, (_, i) => i * step * unit);
}

/**
 * Up to two lines for a category label: break after the last "/", ":" or space that fits, and shorten
 * what remains in the middle so the tag at the end (":debug", "(arm64)") stays visible.
 */
export function splitLabel(text: string, maxChars: number): string[] {
  if (text.length <= maxChars) return [text];
  let cut = -1;
  for (let i = Math.min(maxChars, text.length - 1); i >= Math.floor(maxChars / 3); i--) {
    if ("/: ".includes(text[i - 1] ?? "")) {
      cut = i;
      break;
    }
  }
  if (cut < 0) cut = maxChars;
  const first = text.slice(0, cut).trimEnd();
  const rest = text.slice(cut).trimStart();
  return [first, middleTruncate(rest, maxChars)];
}

function middleTruncate(text: string, max: number): string {
  if (text.length <= max) return text;
  const head = Math.ceil((max - 1) / 2);
  const tail = max - 1 - head;
  return `${text.slice(0, head)}…${text.slice(text.length - tail)}`;
}
