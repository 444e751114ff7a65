"use client";

import type { TooltipContentProps } from "recharts";
import type { ValueFormat } from "./value-format";

type Entry = { name?: unknown; value?: unknown; color?: string; payload?: unknown };

/**
 * The one tooltip every chart uses: a heading, then each series with its colour, formatted value and,
 * for bytes, the exact count. `note` adds a line from the hovered datum (e.g. "average of 5 images").
 */
export function ChartTooltip({
  active,
  payload,
  label,
  format,
  heading,
  note,
}: Partial<TooltipContentProps> & {
  format: ValueFormat;
  heading?: (datum: unknown, label: unknown) => string;
  note?: (datum: unknown) => string | null;
}) {
  const entries = (payload ?? []) as unknown as Entry[];
  if (!active || entries.length === 0) return null;
  const datum = entries[0]?.payload;
  const title = heading ? heading(datum, label) : String(label ?? "");
  const extra = note?.(datum);
  return (
    <div className="max-w-xs rounded-md border border-line bg-surface px-3 py-2 text-xs text-fg shadow-md">
      <p className="mb-1 font-semibold break-words">{title}</p>
      <ul className="space-y-0.5">
        {entries.map((e, i) => {
          const v = typeof e.value === "number" ? e.value : null;
          const exact = v === null ? null : format.exact(v);
          return (
            <li key={i} className="flex items-baseline gap-2">
              <span
                aria-hidden="true"
                className="inline-block h-2.5 w-2.5 shrink-0 rounded-sm"
                style={{ background: e.color }}
              />
              <span className="text-muted">{String(e.name ?? "")}</span>
              <span className="ml-auto font-medium tabular-nums" title={exact ?? undefined}>
                {v === null ? "–" : format.full(v)}
              </span>
            </li>
          );
        })}
      </ul>
      {extra ? <p className="mt-1 text-muted">{extra}</p> : null}
    </div>
  );
}
