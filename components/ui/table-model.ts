/** The pure part of DataTable: filter, sort and group rows. Kept apart so it can be unit-tested. */

export type SortValue = string | number | boolean | null | undefined;
export type SortDirection = "asc" | "desc";
export type SortState = { columnId: string; direction: SortDirection } | null;

/**
 * Missing values (null/undefined/NaN) sort last in both directions: a "–" at the top of a column sorted
 * by size would read as the smallest image.
 */
export function compareSortValues(a: SortValue, b: SortValue, direction: SortDirection): number {
  const missingA = a === null || a === undefined || (typeof a === "number" && Number.isNaN(a));
  const missingB = b === null || b === undefined || (typeof b === "number" && Number.isNaN(b));
  if (missingA || missingB) return missingA === missingB ? 0 : missingA ? 1 : -1;
  const sign = direction === "asc" ? 1 : -1;
  if (typeof a === "number" && typeof b === "number") return sign * (a - b);
  if (typeof a === "boolean" && typeof b === "boolean") return sign * (Number(a) - Number(b));
  return sign * String(a).localeCompare(String(b), "en", { numeric: true, sensitivity: "base" });
}

/** Every whitespace-separated term must appear somewhere in the row's text, case-insensitively. */
export function matchesFilter(text: string, query: string): boolean {
  const terms = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (terms.length === 0) return true;
  const haystack = text.toLowerCase();
  return terms.every((t) => haystack.includes(t));
}

export type RowGroup<T> = { key: string; rows: T[] };

type ModelInput<T> = {
  rows: readonly T[];
  query: string;
  filterText?: (row: T) => string;
  sortValue?: (row: T) => SortValue;
  direction?: SortDirection;
  groupBy?: (row: T) => string;
};

/** Filtered, sorted (stable) and grouped rows; one group with key "" when not grouping. */
export function buildTableModel<T>(input: ModelInput<T>): {
  groups: RowGroup<T>[];
  shown: number;
  total: number;
} {
  const { rows, query, filterText, sortValue, direction = "asc", groupBy } = input;
  let list = filterText ? rows.filter((r) => matchesFilter(filterText(r), query)) : [...rows];
  if (sortValue) {
    const keyed = list.map((row, i) => ({ row, i, v: sortValue(row) }));
    keyed.sort((x, y) => compareSortValues(x.v, y.v, direction) || x.i - y.i);
    list = keyed.map((k) => k.row);
  }
  if (!groupBy) return { groups: [{ key: "", rows: list }], shown: list.length, total: rows.length };
  const map = new Map<string, T[]>();
  for (const row of list) {
    const key = groupBy(row);
    const bucket = map.get(key);
    if (bucket) bucket.push(row);
    else map.set(key, [row]);
  }
  const groups = [...map.entries()]
    .sort(([a], [b]) => a.localeCompare(b, "en", { sensitivity: "base" }))
    .map(([key, groupRows]) => ({ key, rows: groupRows }));
  return { groups, shown: list.length, total: rows.length };
}

/**
 * The first `limit` rows across groups, in order; groups left empty are dropped. A table of a thousand
 * images renders its first screens at once and the rest on request, which keeps the page light.
 */
export function limitGroups<T>(groups: RowGroup<T>[], limit: number | undefined): RowGroup<T>[] {
  if (limit === undefined) return groups;
  const out: RowGroup<T>[] = [];
  let left = limit;
  for (const g of groups) {
    if (left <= 0) break;
    out.push({ key: g.key, rows: g.rows.slice(0, left) });
    left -= g.rows.length;
  }
  return out;
}
