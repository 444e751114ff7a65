import type { ReactNode } from "react";

export type BadgeTone = "neutral" | "good" | "bad" | "warn" | "info";

const TONES: Record<BadgeTone, string> = {
  neutral: "bg-surface-2 text-fg border-line",
  good: "bg-good-bg text-good border-transparent",
  bad: "bg-bad-bg text-bad border-transparent",
  warn: "bg-warn-bg text-warn border-transparent",
  info: "bg-info-bg text-info border-transparent",
};

/** A short label. The text must carry the meaning; the tone only reinforces it. */
export function Badge({
  tone = "neutral",
  title,
  children,
}: {
  tone?: BadgeTone;
  title?: string;
  children: ReactNode;
}) {
  return (
    <span
      title={title}
      className={`inline-flex items-center whitespace-nowrap rounded border px-1.5 py-0.5 text-xs font-medium ${TONES[tone]}`}
    >
      {children}
    </span>
  );
}
