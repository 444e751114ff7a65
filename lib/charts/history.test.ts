import { describe, expect, it } from "vitest";
import { toSizeHistory } from "./history";

const run = (id: string, analyzedAt: string, digest: string, status?: string) => ({
  id,
  analyzedAt,
  digest,
  compressedBytes: 1000 + id.length,
  filesystemBytes: 3000,
  packageCount: 12,
  status,
});

describe("toSizeHistory", () => {
  it("orders by time, drops failed runs, flags digest changes", () => {
    const points = toSizeHistory([
      run("r3", "2025-03-01T00:00:00Z", "sha256:b"),
      run("r1", "2025-01-01T00:00:00Z", "sha256:a"),
      run("rx", "2025-02-01T00:00:00Z", "sha256:z", "failed"),
      run("r2", "2025-02-15T00:00:00Z", "sha256:a", "succeeded"),
    ]);
    expect(points.map((p) => p.id)).toEqual(["r1", "r2", "r3"]);
    expect(points.map((p) => p.digestChanged)).toEqual([false, false, true]);
    expect(points[0].t).toBe(Date.parse("2025-01-01T00:00:00Z"));
    expect(points[2].values).toEqual({ compressed: 1002, filesystem: 3000, packages: 12 });
  });

  it("ignores runs with an unreadable date", () => {
    expect(toSizeHistory([run("a", "yesterday", "sha256:a")])).toEqual([]);
  });
});
