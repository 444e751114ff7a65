import { describe, expect, it } from "vitest";
import { buildTableModel, compareSortValues, limitGroups, matchesFilter } from "./table-model";

type R = { name: string; size: number | null; family: string };
const rows: R[] = [
  { name: "ubuntu:24.04", size: 78, family: "ubuntu" },
  { name: "alpine:3.22", size: 8, family: "alpine" },
  { name: "unknown", size: null, family: "other" },
  { name: "alpine:3.9", size: 5, family: "alpine" },
  { name: "ubuntu:22.04", size: 77, family: "ubuntu" },
];

describe("compareSortValues", () => {
  it("sorts numbers, strings with numeric awareness, and missing values last", () => {
    expect(compareSortValues(1, 2, "asc")).toBeLessThan(0);
    expect(compareSortValues(1, 2, "desc")).toBeGreaterThan(0);
    expect(compareSortValues("alpine:3.9", "alpine:3.22", "asc")).toBeLessThan(0);
    expect(compareSortValues(null, 2, "asc")).toBeGreaterThan(0);
    expect(compareSortValues(null, 2, "desc")).toBeGreaterThan(0);
    expect(compareSortValues(Number.NaN, undefined, "asc")).toBe(0);
  });
});

describe("matchesFilter", () => {
  it("needs every term, in any order and case", () => {
    expect(matchesFilter("eclipse-temurin:21-jre linux/arm64", "ARM64 temurin")).toBe(true);
    expect(matchesFilter("eclipse-temurin:21-jre linux/arm64", "amd64 temurin")).toBe(false);
    expect(matchesFilter("anything", "   ")).toBe(true);
  });
});

describe("buildTableModel", () => {
  it("sorts stably with missing values last", () => {
    const { groups, shown, total } = buildTableModel({
      rows,
      query: "",
      sortValue: (r) => r.size,
      direction: "desc",
    });
    expect(groups[0].rows.map((r) => r.name)).toEqual([
      "ubuntu:24.04",
      "ubuntu:22.04",
      "alpine:3.22",
      "alpine:3.9",
      "unknown",
    ]);
    expect([shown, total]).toEqual([5, 5]);
  });

  it("filters, then groups by key in name order keeping the sort inside groups", () => {
    const model = buildTableModel({
      rows,
      query: ":",
      filterText: (r) => r.name,
      sortValue: (r) => r.size,
      direction: "asc",
      groupBy: (r) => r.family,
    });
    expect(model.groups.map((g) => g.key)).toEqual(["alpine", "ubuntu"]);
    expect(model.groups[0].rows.map((r) => r.name)).toEqual(["alpine:3.9", "alpine:3.22"]);
    expect(model.shown).toBe(4);
  });
});

describe("limitGroups", () => {
  const groups = [
    { key: "a", rows: [1, 2, 3] },
    { key: "b", rows: [4, 5] },
    { key: "c", rows: [6] },
  ];
  it("keeps the first rows across groups and drops groups past the limit", () => {
    expect(limitGroups(groups, 4)).toEqual([
      { key: "a", rows: [1, 2, 3] },
      { key: "b", rows: [4] },
    ]);
    expect(limitGroups(groups, 3)).toEqual([{ key: "a", rows: [1, 2, 3] }]);
  });
  it("leaves everything when there is no limit", () => {
    expect(limitGroups(groups, undefined)).toBe(groups);
  });
});
