type ProgressBarProps = {
  /** 0..1; null for "working, amount unknown". */
  value: number | null;
  label: string;
  /** Visible text next to the bar, e.g. "12.3 MB of 40 MB". */
  detail?: string;
};

/** A determinate or indeterminate progress bar with the ARIA progressbar semantics. */
export function ProgressBar({ value, label, detail }: ProgressBarProps) {
  const pct = value === null ? null : Math.round(Math.min(1, Math.max(0, value)) * 100);
  return (
    <div className="w-full">
      <div className="mb-1 flex justify-between gap-2 text-sm">
        <span>{label}</span>
        <span className="tabular-nums text-muted">{detail ?? (pct === null ? "" : `${pct}%`)}</span>
      </div>
      <div
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={pct ?? undefined}
        aria-valuetext={detail ?? (pct === null ? "In progress" : `${pct}%`)}
        className="h-2 w-full overflow-hidden rounded-full bg-surface-2"
      >
        <div
          className={`h-full rounded-full bg-accent transition-[width] ${pct === null ? "w-1/3 animate-pulse" : ""}`}
          style={pct === null ? undefined : { width: `${pct}%` }}
        />
      </div>
    </div>
  );
}
