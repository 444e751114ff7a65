/** Placeholders for Suspense fallbacks; hidden from screen readers except one "Loading" status. */

export function Skeleton({ className = "h-4 w-full" }: { className?: string }) {
  return <div aria-hidden="true" className={`animate-pulse rounded bg-surface-2 ${className}`} />;
}

export function ChartSkeleton({
  height = 320,
  label = "Loading chart",
}: {
  height?: number;
  label?: string;
}) {
  return (
    <div role="status" className="rounded-lg border border-line bg-surface p-4">
      <span className="sr-only">{label}</span>
      <Skeleton className="mb-4 h-5 w-48" />
      <div aria-hidden="true" className="animate-pulse rounded bg-surface-2" style={{ height }} />
    </div>
  );
}

export function TableSkeleton({ rows = 6, label = "Loading table" }: { rows?: number; label?: string }) {
  return (
    <div role="status" className="rounded-lg border border-line bg-surface p-4">
      <span className="sr-only">{label}</span>
      <Skeleton className="mb-4 h-8 w-64" />
      {Array.from({ length: rows }, (_, i) => (
        <Skeleton key={i} className="mb-2 h-6 w-full" />
      ))}
    </div>
  );
}
