import type { ReactNode } from "react";

type YesNoProps = {
  value: boolean | null;
  /** Text after the mark, e.g. "glibc 2.36" or "root"; defaults to Yes / No / Unknown. */
  children?: ReactNode;
  /** Whether "yes" is the desirable answer; only changes the colour, never the meaning. */
  goodWhen?: boolean;
};

/** ✓ / ✗ with words next to them, so the answer reads without colour. */
export function YesNo({ value, children, goodWhen }: YesNoProps) {
  if (value === null) {
    return <span className="text-muted">? {children ?? "Unknown"}</span>;
  }
  const tone = goodWhen === undefined ? "" : value === goodWhen ? "text-good" : "text-bad";
  return (
    <span className="whitespace-nowrap">
      <span aria-hidden="true" className={`mr-1 font-bold ${tone}`}>
        {value ? "✓" : "✗"}
      </span>
      {children ?? (value ? "Yes" : "No")}
    </span>
  );
}
