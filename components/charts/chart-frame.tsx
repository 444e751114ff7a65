"use client";

import type { ReactElement, ReactNode } from "react";
import { ResponsiveContainer } from "recharts";
import { Breakable } from "@/components/ui/breakable";

type ChartFrameProps = {
  /** Accessible name of the figure. */
  title: string;
  height: number;
  /** Controls above the plot (log toggle, legend). */
  controls?: ReactNode;
  /** The same numbers as a table, for screen readers and copy-paste. */
  dataTable?: ReactNode;
  children: ReactElement;
};

/** Figure + responsive container + optional data table; every chart primitive renders inside one. */
export function ChartFrame({ title, height, controls, dataTable, children }: ChartFrameProps) {
  return (
    <figure aria-label={title} className="m-0 min-w-0">
      {controls ? (
        <div className="mb-2 flex flex-wrap items-center justify-end gap-3 text-sm">{controls}</div>
      ) : null}
      <div style={{ height }} className="w-full min-w-0">
        <ResponsiveContainer width="100%" height="100%" minWidth={0}>
          {children}
        </ResponsiveContainer>
      </div>
      {dataTable ? (
        <details className="mt-2 text-sm">
          <summary className="cursor-pointer text-muted">Show the numbers</summary>
          <div className="relative mt-2 overflow-x-auto">{dataTable}</div>
        </details>
      ) : null}
    </figure>
  );
}

/** A plain table of chart data: first column the category, one column per series. */
export function ChartDataTable({
  caption,
  head,
  rows,
}: {
  caption: string;
  head: string[];
  rows: { key: string; cells: string[] }[];
}) {
  return (
    <table className="w-full border-collapse text-xs">
      <caption className="sr-only">{caption}</caption>
      <thead>
        <tr>
          {head.map((h, i) => (
            <th
              key={i}
              scope="col"
              className={`border-b border-line px-2 py-1 ${i === 0 ? "text-left" : "text-right"}`}
            >
              {h}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.key}>
            {r.cells.map((c, i) =>
              i === 0 ? (
                <th
                  key={i}
                  scope="row"
                  className="border-b border-line px-2 py-1 text-left font-normal break-words"
                >
                  <Breakable text={c} />
                </th>
              ) : (
                <td key={i} className="border-b border-line px-2 py-1 text-right tabular-nums">
                  {c}
                </td>
              ),
            )}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
