/** Counts and ratios, with one fixed locale so server and client render the same text. */

const COUNT = new Intl.NumberFormat("en-US", { maximumFractionDigits: 0 });

/** "1,234"; "–" for null/undefined/non-finite. */
export function formatCount(n: number | null | undefined): string {
  if (n === null || n === undefined || !Number.isFinite(n)) return "–";
  return COUNT.format(Math.round(n));
}

/** A signed count delta: "+12", "-3", "±0". */
export function formatCountDelta(delta: number): string {
  if (delta === 0) return "±0";
  return delta > 0 ? `+${COUNT.format(delta)}` : COUNT.format(delta);
}

/**
 * A fraction (0..1) as a percentage: 0.1234 → "12.3%". Tiny but non-zero shares show "<0.1%" so a
 * present value never reads as zero.
 */
export function formatPercent(fraction: number | null | undefined, digits = 1): string {
  if (fraction === null || fraction === undefined || !Number.isFinite(fraction)) return "–";
  const pct = fraction * 100;
  const smallest = 10 ** -digits;
  if (pct > 0 && pct < smallest) return `<${smallest.toFixed(digits)}%`;
  return `${pct.toFixed(digits)}%`;
}

/** A ratio relative to a base, signed: 1.25 → "+25.0%"; null when the base is zero. */
export function formatRelativeChange(value: number, base: number, digits = 1): string | null {
  if (base === 0 || !Number.isFinite(base) || !Number.isFinite(value)) return null;
  const change = (value - base) / base;
  if (change === 0) return "±0%";
  const text = formatPercent(Math.abs(change), digits);
  return `${change > 0 ? "+" : "-"}${text}`;
}
