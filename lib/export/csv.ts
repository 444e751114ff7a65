import { stringify } from "csv-stringify/sync";

/**
 * A spreadsheet runs a cell that starts with = + - @ (or a tab / carriage return) as a formula. Text
 * from an image (labels, commands, package names) is untrusted, so such cells get a leading apostrophe
 * (OWASP's advice); numbers are left as they are.
 */
export function neutralise(value: string | number | boolean | null): string | number | boolean | null {
  if (typeof value !== "string") return value;
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

type Column<T> = [name: string, value: (row: T) => string | number | boolean | null];

/** RFC 4180: CRLF line ends, quotes doubled, fields with separators quoted. */
export function csvHeader<T>(columns: Column<T>[]): string {
  return stringify([columns.map(([name]) => name)], { record_delimiter: "\r\n" });
}

export function csvRows<T>(columns: Column<T>[], rows: T[]): string {
  if (rows.length === 0) return "";
  return stringify(
    rows.map((row) => columns.map(([, value]) => neutralise(value(row)))),
    { record_delimiter: "\r\n", cast: { boolean: (b) => (b ? "true" : "false") } },
  );
}
