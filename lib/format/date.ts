/**
 * Dates always render in UTC from the ISO string, so the server and the browser produce identical text
 * (no hydration mismatch) and two engineers in different time zones read the same value.
 */

function pad(n: number): string {
  return String(n).padStart(2, "0");
}

function parse(value: string | Date | null | undefined): Date | null {
  if (value === null || value === undefined || value === "") return null;
  const d = value instanceof Date ? value : new Date(value);
  return Number.isNaN(d.getTime()) ? null : d;
}

/** "2025-12-04"; "–" when missing or invalid. */
export function formatDate(value: string | Date | null | undefined): string {
  const d = parse(value);
  if (!d) return "–";
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}

/** "2025-12-04 15:32 UTC"; "–" when missing or invalid. */
export function formatDateTime(value: string | Date | null | undefined): string {
  const d = parse(value);
  if (!d) return "–";
  return `${formatDate(d)} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())} UTC`;
}

/** Full ISO text for titles and <time dateTime>; "" when missing or invalid. */
export function toIsoString(value: string | Date | null | undefined): string {
  const d = parse(value);
  return d ? d.toISOString() : "";
}

/**
 * "3 days ago" relative to an explicit `now`: callers pass the time the data was read on the server so
 * the text does not depend on when the browser hydrates.
 */
export function formatAge(value: string | Date | null | undefined, now: string | Date): string {
  const d = parse(value);
  const ref = parse(now);
  if (!d || !ref) return "–";
  const seconds = Math.round((ref.getTime() - d.getTime()) / 1000);
  if (seconds < 0) return "in the future";
  const steps: [number, string][] = [
    [60, "second"],
    [60, "minute"],
    [24, "hour"],
    [30, "day"],
    [12, "month"],
    [Number.POSITIVE_INFINITY, "year"],
  ];
  let amount = seconds;
  for (const [size, unit] of steps) {
    if (amount < size) {
      if (unit === "second" && amount < 45) return "just now";
      const n = Math.max(1, Math.floor(amount));
      return `${n} ${unit}${n === 1 ? "" : "s"} ago`;
    }
    amount /= size;
  }
  return "–";
}
