import { describe, expect, it } from "vitest";
import { parse } from "csv-parse/sync";
import { csvHeader, csvRows, neutralise } from "./csv";

type Row = { name: string; n: number | null; ok: boolean };
const COLS: [string, (r: Row) => string | number | boolean | null][] = [
  ["name", (r) => r.name],
  ["n", (r) => r.n],
  ["ok", (r) => r.ok],
];

describe("csv", () => {
  it("writes RFC 4180 that parses back to the same values", () => {
    const rows: Row[] = [
      { name: 'has "quotes", commas\nand a newline', n: 12345678901, ok: true },
      { name: "plain", n: null, ok: false },
    ];
    const text = csvHeader(COLS) + csvRows(COLS, rows);
    expect(text.split("\r\n")[0]).toBe("name,n,ok");
    const back = parse(text, { columns: true }) as Record<string, string>[];
    expect(back).toEqual([
      { name: 'has "quotes", commas\nand a newline', n: "12345678901", ok: "true" },
      { name: "plain", n: "", ok: "false" },
    ]);
  });

  it("neutralises cells a spreadsheet would run as formulas", () => {
    expect(neutralise('=HYPERLINK("http://x")')).toBe('\'=HYPERLINK("http://x")');
    expect(neutralise("+1")).toBe("'+1");
    expect(neutralise("-cmd")).toBe("'-cmd");
    expect(neutralise("@SUM(A1)")).toBe("'@SUM(A1)");
    expect(neutralise("\tx")).toBe("'\tx");
    expect(neutralise("alpine")).toBe("alpine");
    expect(neutralise(-5)).toBe(-5);
  });
});
