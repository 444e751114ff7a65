import { describe, expect, it } from "vitest";
import { toBarSeries } from "./bar-series";
import { row, type TestRow } from "./test-rows";

const metrics = [
  { key: "compressed", value: (r: TestRow) => r.compressedBytes },
  { key: "disk", value: (r: TestRow) => r.filesystemBytes },
];

const rows = [
  row("a", "docker.io/library/ubuntu:24.04", { compressedBytes: 30e6, filesystemBytes: 78e6 }),
  row("b", "docker.io/library/alpine:3.22", { compressedBytes: 3.6e6, filesystemBytes: 8e6 }),
  row("c", "gcr.io/distroless/base-debian12", { compressedBytes: 20e6, filesystemBytes: 40e6 }),
  row("d", "docker.io/library/debian:bookworm-slim", { compressedBytes: 28e6, filesystemBytes: 74e6 }),
  row("e", "registry.access.redhat.com/ubi9/ubi-minimal", { compressedBytes: 38e6, filesystemBytes: 95e6 }),
];

describe("toBarSeries", () => {
  it("sorts ascending by the first metric and labels with short references", () => {
    const points = toBarSeries(rows, metrics);
    expect(points.map((p) => p.id)).toEqual(["b", "c", "d", "a", "e"]);
    expect(points[0].label).toBe("alpine:3.22");
    expect(points[0].values).toEqual({ compressed: 3.6e6, disk: 8e6 });
  });

  it("sorts by another metric descending", () => {
    const points = toBarSeries(rows, metrics, { sortBy: "disk", order: "desc" });
    const expected = [...rows].sort((x, y) => y.filesystemBytes - x.filesystemBytes).map((r) => r.id);
    expect(points.map((p) => p.id)).toEqual(expected);
  });

  it("merges the rest into an others bucket with the mean", () => {
    const points = toBarSeries(rows, metrics, { topN: 2 });
    expect(points).toHaveLength(3);
    const others = points[2];
    const rest = rows.filter((r) => !["b", "c"].includes(r.id));
    const mean = rest.reduce((s, r) => s + r.compressedBytes, 0) / rest.length;
    expect(others.id).toBeNull();
    expect(others.rowCount).toBe(3);
    expect(others.values.compressed).toBeCloseTo(mean);
    expect(others.label).toBe("Others (3 images, average)");
  });

  it("sums when asked and never makes a bucket of one", () => {
    const summed = toBarSeries(rows, metrics, { topN: 3, othersAggregate: "sum" });
    expect(summed).toHaveLength(4);
    expect(summed[3].values.disk).toBe(78e6 + 95e6);
    expect(toBarSeries(rows, metrics, { topN: 4 })).toHaveLength(5);
  });

  it("adds the architecture only when a reference has several platforms", () => {
    const multi = [
      row("x", "alpine:3.22", { platform: "linux/amd64" }),
      row("y", "alpine:3.22", { platform: "linux/arm64/v8" }),
      row("z", "busybox:1", {}),
    ];
    const labels = toBarSeries(multi, metrics).map((p) => p.label);
    expect(labels.sort()).toEqual(["alpine:3.22 (amd64)", "alpine:3.22 (arm64)", "busybox:1"]);
  });

  it("handles empty input", () => {
    expect(toBarSeries([], metrics, { topN: 3 })).toEqual([]);
    expect(toBarSeries(rows, [])).toEqual([]);
  });
});
