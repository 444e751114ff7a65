"use client";

import { splitLabel } from "./value-format";

type TickProps = { x?: number | string; y?: number | string; payload?: { value?: unknown } };

/** A category axis label on up to two lines, with the full text as an SVG <title> on hover. */
export function CategoryTick({ x = 0, y = 0, payload, maxChars }: TickProps & { maxChars: number }) {
  const text = String(payload?.value ?? "");
  const lines = splitLabel(text, maxChars);
  const top = lines.length === 1 ? 4 : -3;
  return (
    <g transform={`translate(${Number(x)},${Number(y)})`}>
      <title>{text}</title>
      <text x={-6} y={top} textAnchor="end" fill="var(--chart-axis)" fontSize={12}>
        {lines.map((line, i) => (
          <tspan key={i} x={-6} dy={i === 0 ? 0 : 14}>
            {line}
          </tspan>
        ))}
      </text>
    </g>
  );
}
