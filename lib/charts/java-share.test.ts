import { describe, expect, it } from "vitest";
import { toJavaShare } from "./java-share";
import { row } from "./test-rows";

const java = (bytes: number) => ({
  version: "21.0.5",
  vendor: "Eclipse Adoptium",
  imageType: "JRE" as const,
  home: "/opt/java/openjdk",
  bytes,
});

describe("toJavaShare", () => {
  it("splits the filesystem into runtime and the rest, smallest rest first", () => {
    const rows = [
      row("t", "eclipse-temurin:21-jre", { filesystemBytes: 260e6, java: java(160e6) }),
      row("d", "distroless/java21", { filesystemBytes: 200e6, java: java(170e6) }),
      row("a", "alpine:3.22", { filesystemBytes: 8e6 }),
    ];
    const { points, withoutJava } = toJavaShare(rows);
    expect(points.map((p) => p.id)).toEqual(["d", "t"]);
    for (const p of points) {
      const r = rows.find((x) => x.id === p.id)!;
      expect(p.values.runtime + p.values.rest).toBe(r.filesystemBytes);
      expect(p.share).toBeCloseTo(r.java!.bytes / r.filesystemBytes);
    }
    expect(points[0].version).toBe("21.0.5");
    expect(withoutJava).toEqual(["alpine:3.22"]);
  });

  it("clamps a runtime larger than the filesystem", () => {
    const { points } = toJavaShare([row("x", "odd", { filesystemBytes: 100, java: java(150) })]);
    expect(points[0].values).toEqual({ runtime: 100, rest: 0 });
    expect(points[0].share).toBe(1);
  });

  it("gives share 0 for an empty filesystem instead of NaN", () => {
    const { points } = toJavaShare([row("x", "empty", { filesystemBytes: 0, java: java(0) })]);
    expect(points[0].share).toBe(0);
  });
});
