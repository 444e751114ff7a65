import type { ReactNode } from "react";

type CardProps = {
  title?: ReactNode;
  /** One sentence that says what the numbers mean. */
  description?: ReactNode;
  /** Controls at the top right (toggles, links). */
  actions?: ReactNode;
  children: ReactNode;
  className?: string;
  /** id for the heading, so the section can be labelled by it. */
  headingId?: string;
};

export function Card({ title, description, actions, children, className = "", headingId }: CardProps) {
  return (
    <section
      aria-labelledby={title ? headingId : undefined}
      className={`min-w-0 rounded-lg border border-line bg-surface p-4 shadow-sm ${className}`}
    >
      {title || actions ? (
        <header className="mb-3 flex flex-wrap items-start justify-between gap-2">
          <div className="min-w-0">
            {title ? (
              <h2 id={headingId} className="text-base font-semibold">
                {title}
              </h2>
            ) : null}
            {description ? <p className="mt-0.5 text-sm break-words text-muted">{description}</p> : null}
          </div>
          {actions ? <div className="flex flex-wrap items-center gap-2">{actions}</div> : null}
        </header>
      ) : null}
      {children}
    </section>
  );
}
