import { describe, expect, it } from "vitest";
import { toScatterGroups } from "./scatter";
import { row } from "./test-rows";

describe("toScatterGroups", () => {
  const rows = [
    row("u", "ubuntu:24.04", { family: "ubuntu", packageCount: 92, compressedBytes: 30e6 }),
    row("d1", "debian:12", { family: "debian", packageCount: 78, compressedBytes: 48e6 }),
    row("d2", "debian:12-slim", { family: "debian", packageCount: 78, compressedBytes: 28e6 }),
    row("s", "scratch-java", { family: "scratch", packageCount: 0, packageManager: null }),
  ];

  it("groups by family, sorted, with package count on x and size on y", () => {
    const { groups, withoutPackageDb } = toScatterGroups(rows);
    expect(groups.map((g) => g.group)).toEqual(["debian", "ubuntu"]);
    expect(groups[0].points.map((p) => [p.id, p.x, p.y])).toEqual([
      ["d2", 78, 28e6],
      ["d1", 78, 48e6],
    ]);
    expect(withoutPackageDb).toEqual(["scratch-java"]);
  });

  it("can plot the on-disk size instead", () => {
    const { groups } = toScatterGroups(rows, { size: "filesystem" });
    const all = groups.flatMap((g) => g.points);
    for (const p of all) expect(p.y).toBe(rows.find((r) => r.id === p.id)!.filesystemBytes);
  });
});
