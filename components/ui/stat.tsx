import type { ReactNode } from "react";

type StatProps = {
  label: ReactNode;
  value: ReactNode;
  /** What the figure means or how it was measured. */
  hint?: ReactNode;
  className?: string;
};

/** A headline figure. Use inside a <dl> (StatGrid) so label and value stay paired for screen readers. */
export function Stat({ label, value, hint, className = "" }: StatProps) {
  return (
    <div className={`min-w-0 rounded-lg border border-line bg-surface px-4 py-3 ${className}`}>
      <dt className="text-sm text-muted">{label}</dt>
      <dd className="mt-1 text-2xl font-semibold tabular-nums">{value}</dd>
      {hint ? <dd className="mt-1 text-xs text-muted">{hint}</dd> : null}
    </div>
  );
}

export function StatGrid({ children, className = "" }: { children: ReactNode; className?: string }) {
  return <dl className={`grid grid-cols-2 gap-3 md:grid-cols-4 ${className}`}>{children}</dl>;
}
