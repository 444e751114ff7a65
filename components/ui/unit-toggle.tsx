"use client";

import { UNIT_SYSTEMS, unitSystemLabel } from "@/lib/format";
import { useUnits } from "./units-provider";

const EXPLAIN = {
  si: "Decimal units: 1 MB = 1,000,000 bytes (as registries and docker images report)",
  iec: "Binary units: 1 MiB = 1,048,576 bytes (as du -h and dive report)",
} as const;

/** Two-state switch between MB and MiB; the choice is remembered in this browser. */
export function UnitToggle({ className = "" }: { className?: string }) {
  const { system, setSystem } = useUnits();
  return (
    <div
      role="group"
      aria-label="Size units"
      className={`inline-flex rounded-md border border-line text-sm ${className}`}
    >
      {UNIT_SYSTEMS.map((s) => (
        <button
          key={s}
          type="button"
          aria-pressed={system === s}
          title={EXPLAIN[s]}
          onClick={() => setSystem(s)}
          className={`px-2.5 py-1 first:rounded-l-md last:rounded-r-md ${
            system === s ? "bg-accent text-accent-fg" : "bg-surface text-fg hover:bg-surface-2"
          }`}
        >
          {unitSystemLabel(s)}
        </button>
      ))}
    </div>
  );
}
