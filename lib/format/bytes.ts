/**
 * Byte formatting. SI (kB, MB = 10^6) is the default because registries, `docker images` and most
 * spreadsheets report decimal megabytes; IEC (KiB, MiB = 2^20) matches `du -h` and dive.
 */

export type UnitSystem = "si" | "iec";

export const UNIT_SYSTEMS: readonly UnitSystem[] = ["si", "iec"];

const UNITS: Record<UnitSystem, { base: number; names: readonly string[] }> = {
  si: { base: 1000, names: ["B", "kB", "MB", "GB", "TB", "PB"] },
  iec: { base: 1024, names: ["B", "KiB", "MiB", "GiB", "TiB", "PiB"] },
};

export function isUnitSystem(value: unknown): value is UnitSystem {
  return value === "si" || value === "iec";
}

/** The short label of a unit system for toggles: "MB" or "MiB". */
export function unitSystemLabel(system: UnitSystem): string {
  return system === "si" ? "MB" : "MiB";
}

export type FormatBytesOptions = {
  system?: UnitSystem;
  /** Significant digits kept for values of 1 unit and above; 3 gives "12.3 MB", "123 MB". */
  significant?: number;
};

/** "12.3 MB" / "11.7 MiB". Negative values keep their sign; non-finite values give "–". */
export function formatBytes(bytes: number, opts: FormatBytesOptions = {}): string {
  if (!Number.isFinite(bytes)) return "–";
  const { base, names } = UNITS[opts.system ?? "si"];
  const significant = opts.significant ?? 3;
  const sign = bytes < 0 ? "-" : "";
  let value = Math.abs(bytes);
  let unit = 0;
  while (value >= base && unit < names.length - 1) {
    value /= base;
    unit++;
  }
  if (unit === 0) return `${sign}${Math.round(value)} B`;
  let digits = Math.max(0, significant - 1 - Math.floor(Math.log10(value)));
  let rounded = Number(value.toFixed(digits));
  // 999.96 kB rounds to "1000 kB": move up a unit so the figure stays below the base.
  if (rounded >= base && unit < names.length - 1) {
    value /= base;
    unit++;
    digits = Math.max(0, significant - 1);
    rounded = Number(value.toFixed(digits));
  }
  return `${sign}${rounded.toFixed(digits)} ${names[unit]}`;
}

/** A signed byte delta: "+1.20 MB", "-300 kB", "±0 B". */
export function formatBytesDelta(delta: number, opts: FormatBytesOptions = {}): string {
  if (delta === 0) return "±0 B";
  const text = formatBytes(delta, opts);
  return delta > 0 ? `+${text}` : text;
}

const GROUPED = new Intl.NumberFormat("en-US", { maximumFractionDigits: 0 });

/** Exact bytes with thousands separators, for titles and tooltips: "12,345,678 bytes". */
export function formatExactBytes(bytes: number): string {
  if (!Number.isFinite(bytes)) return "unknown";
  return `${GROUPED.format(Math.round(bytes))} ${Math.abs(bytes) === 1 ? "byte" : "bytes"}`;
}

/** Axis ticks: the same scale as formatBytes, at most two significant digits and no trailing ".0". */
export function formatBytesTick(bytes: number, system: UnitSystem = "si"): string {
  if (bytes === 0) return "0";
  return formatBytes(bytes, { system, significant: 2 }).replace(/\.0+ /, " ");
}
