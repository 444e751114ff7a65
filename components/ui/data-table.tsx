"use client";

import { useId, useMemo, useState, type ReactNode } from "react";
import {
  buildTableModel,
  limitGroups,
  type SortDirection,
  type SortState,
  type SortValue,
} from "./table-model";

export type Column<T> = {
  id: string;
  header: ReactNode;
  /** What the column measures; shown on hover and read by screen readers. */
  description?: string;
  cell: (row: T) => ReactNode;
  /** Makes the column sortable. */
  sortValue?: (row: T) => SortValue;
  /** Direction of the first click: sizes read best smallest first, dates newest first. */
  firstDirection?: SortDirection;
  align?: "left" | "right" | "center";
  className?: string;
  /** Row header column (<th scope="row">), usually the image name. */
  rowHeader?: boolean;
};

export type DataTableProps<T> = {
  rows: readonly T[];
  columns: readonly Column<T>[];
  rowKey: (row: T) => string;
  /** Accessible name of the table; shown visually only when captionVisible. */
  caption: string;
  captionVisible?: boolean;
  /** Enables the filter box; every space-separated term must appear in this text. */
  filterText?: (row: T) => string;
  filterPlaceholder?: string;
  groupBy?: (row: T) => string;
  groupLabel?: (key: string, rows: readonly T[]) => ReactNode;
  initialSort?: SortState;
  emptyMessage?: ReactNode;
  /** Extra controls next to the filter box. */
  toolbar?: ReactNode;
  rowClassName?: (row: T) => string | undefined;
  /** Height of the scroll box the header sticks to. */
  maxHeight?: string;
  /** Rows rendered before a "Show all" button; sorting and filtering still cover every row. */
  rowLimit?: number;
  /** Narrower cell padding, for wide tables that should fit a laptop screen. */
  dense?: boolean;
};

const ALIGN = { left: "text-left", right: "text-right", center: "text-center" } as const;

/** A sortable, filterable, groupable table; interaction is plain buttons and inputs, so keyboards work. */
export function DataTable<T>(props: DataTableProps<T>) {
  const { rows, columns, rowKey, caption, filterText, groupBy, groupLabel } = props;
  const [query, setQuery] = useState("");
  const pad = props.dense ? "px-2" : "px-3";
  const [sort, setSort] = useState<SortState>(props.initialSort ?? null);
  const [showAll, setShowAll] = useState(false);
  const filterId = useId();
  const sortColumn = sort ? columns.find((c) => c.id === sort.columnId) : undefined;

  const model = useMemo(
    () =>
      buildTableModel({
        rows,
        query,
        filterText,
        sortValue: sortColumn?.sortValue,
        direction: sort?.direction,
        groupBy,
      }),
    [rows, query, filterText, sortColumn, sort?.direction, groupBy],
  );
  const limited = !showAll && props.rowLimit !== undefined && model.shown > props.rowLimit;
  const groups = limited ? limitGroups(model.groups, props.rowLimit) : model.groups;

  const toggleSort = (col: Column<T>) =>
    setSort((prev) =>
      prev?.columnId === col.id
        ? { columnId: col.id, direction: prev.direction === "asc" ? "desc" : "asc" }
        : { columnId: col.id, direction: col.firstDirection ?? "asc" },
    );

  return (
    <div className="min-w-0">
      {filterText || props.toolbar ? (
        <div className="mb-3 flex flex-wrap items-center gap-3">
          {filterText ? (
            <>
              <label htmlFor={filterId} className="sr-only">
                Filter {caption}
              </label>
              <input
                id={filterId}
                type="search"
                value={query}
                onChange={(e) => setQuery(e.target.value)}
                placeholder={props.filterPlaceholder ?? "Filter…"}
                className="w-full max-w-xs rounded-md border border-line bg-surface px-3 py-1.5 text-sm"
              />
              <span aria-live="polite" className="text-sm text-muted">
                {model.shown === model.total
                  ? `${model.total} rows`
                  : `${model.shown} of ${model.total} rows`}
              </span>
            </>
          ) : null}
          {props.toolbar}
        </div>
      ) : null}
      {/* relative: screen-reader-only text in the cells stays inside this scroll box, not past the page edge */}
      <div
        className="relative overflow-auto rounded-md border border-line"
        style={{ maxHeight: props.maxHeight ?? "75vh" }}
      >
        <table className="w-full border-collapse text-sm">
          <caption className={props.captionVisible ? "px-3 py-2 text-left font-medium" : "sr-only"}>
            {caption}
          </caption>
          <thead className="sticky top-0 z-10 bg-surface-2">
            <tr>
              {columns.map((col) => (
                <HeaderCell key={col.id} col={col} pad={pad} sort={sort} onSort={() => toggleSort(col)} />
              ))}
            </tr>
          </thead>
          {model.shown === 0 ? (
            <tbody>
              <tr>
                <td colSpan={columns.length} className="px-3 py-6 text-center text-muted">
                  {rows.length === 0
                    ? (props.emptyMessage ?? "Nothing to show yet.")
                    : "No rows match the filter."}
                </td>
              </tr>
            </tbody>
          ) : (
            groups.map((group) => (
              <tbody key={group.key} className="border-t border-line">
                {groupBy ? (
                  <tr className="bg-surface">
                    <th
                      scope="rowgroup"
                      colSpan={columns.length}
                      className="px-3 pt-3 pb-1 text-left font-semibold"
                    >
                      {groupLabel ? groupLabel(group.key, group.rows) : `${group.key} (${group.rows.length})`}
                    </th>
                  </tr>
                ) : null}
                {group.rows.map((row) => (
                  <tr
                    key={rowKey(row)}
                    className={`border-t border-line hover:bg-surface-2 ${props.rowClassName?.(row) ?? ""}`}
                  >
                    {columns.map((col) => {
                      const cls = `${pad} py-2 align-top ${ALIGN[col.align ?? "left"]} ${col.className ?? ""}`;
                      return col.rowHeader ? (
                        <th key={col.id} scope="row" className={`font-normal ${cls}`}>
                          {col.cell(row)}
                        </th>
                      ) : (
                        <td key={col.id} className={cls}>
                          {col.cell(row)}
                        </td>
                      );
                    })}
                  </tr>
                ))}
              </tbody>
            ))
          )}
        </table>
      </div>
      {limited ? (
        <button
          type="button"
          onClick={() => setShowAll(true)}
          className="mt-2 rounded-md border border-line px-3 py-1.5 text-sm font-medium"
        >
          Show all {model.shown} rows
        </button>
      ) : null}
    </div>
  );
}

function HeaderCell<T>({
  col,
  pad,
  sort,
  onSort,
}: {
  col: Column<T>;
  pad: string;
  sort: SortState;
  onSort: () => void;
}) {
  const active = sort?.columnId === col.id;
  const ariaSort = active
    ? sort.direction === "asc"
      ? "ascending"
      : "descending"
    : col.sortValue
      ? "none"
      : undefined;
  const cls = `whitespace-nowrap ${pad} py-2 font-semibold ${ALIGN[col.align ?? "left"]} ${col.className ?? ""}`;
  if (!col.sortValue) {
    return (
      <th scope="col" className={cls} title={col.description}>
        {col.header}
      </th>
    );
  }
  const arrow = active ? (sort.direction === "asc" ? "▲" : "▼") : "↕";
  return (
    <th scope="col" aria-sort={ariaSort} className={cls} title={col.description}>
      <button
        type="button"
        onClick={onSort}
        className="inline-flex items-center gap-1 font-semibold hover:underline"
      >
        {col.header}
        <span aria-hidden="true" className={active ? "" : "text-muted"}>
          {arrow}
        </span>
        {col.description ? <span className="sr-only">, {col.description}</span> : null}
      </button>
    </th>
  );
}
