"use client";

import { formatBytes, formatBytesDelta, formatExactBytes } from "@/lib/format";
import { useUnits } from "./units-provider";

type BytesProps = {
  value: number | null | undefined;
  /** Marks a figure that is an estimate (e.g. gzip size of a never-pushed image) with "≈". */
  estimate?: boolean;
  /** Shown as "+1.2 MB" / "-300 kB". */
  delta?: boolean;
  className?: string;
};

/** A byte figure in the chosen units, with the exact byte count on hover. */
export function Bytes({ value, estimate = false, delta = false, className }: BytesProps) {
  const { system } = useUnits();
  if (value === null || value === undefined || !Number.isFinite(value)) {
    return <span className={className}>–</span>;
  }
  const text = delta ? formatBytesDelta(value, { system }) : formatBytes(value, { system });
  const exact = formatExactBytes(value);
  const title = estimate ? `Estimate: ${exact} (gzip of the layers, not a registry figure)` : exact;
  return (
    <span className={`whitespace-nowrap tabular-nums ${className ?? ""}`} title={title}>
      {estimate ? <span aria-label="estimated">≈</span> : null}
      {text}
    </span>
  );
}
