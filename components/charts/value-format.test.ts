import { describe, expect, it } from "vitest";
import { logDomain, niceTicks, seriesColor, splitLabel, truncateLabel, valueFormat } from "./value-format";

describe("chart value formats", () => {
  it("formats bytes in the chosen unit system", () => {
    expect(valueFormat("bytes", "si").full(5_000_000)).toBe("5.00 MB");
    expect(valueFormat("bytes", "iec").full(5 * 2 ** 20)).toBe("5.00 MiB");
    expect(valueFormat("bytes", "si").exact(1234)).toBe("1,234 bytes");
    expect(valueFormat("count", "si").full(1234)).toBe("1,234");
    expect(valueFormat("percent", "si").full(0.25)).toBe("25.0%");
  });

  it("builds power-of-ten log domains that contain every positive value", () => {
    const values = [0, 3_600_000, 95_000_000, 250_000];
    const d = logDomain(values)!;
    expect(d.domain).toEqual([100_000, 100_000_000]);
    expect(d.ticks).toEqual([1e5, 1e6, 1e7, 1e8]);
    for (const v of values.filter((x) => x > 0)) {
      expect(v).toBeGreaterThanOrEqual(d.domain[0]);
      expect(v).toBeLessThanOrEqual(d.domain[1]);
    }
    expect(logDomain([1000])?.domain).toEqual([1000, 10000]);
    expect(logDomain([0, -1])).toBeNull();
  });

  it("maps colour slots onto the 8 CSS variables", () => {
    expect(seriesColor(undefined, 0)).toBe("var(--chart-1)");
    expect(seriesColor(undefined, 9)).toBe("var(--chart-2)");
    expect(seriesColor(3, 0)).toBe("var(--chart-3)");
    expect(truncateLabel("abcdef", 4)).toBe("abc…");
  });
});

describe("niceTicks", () => {
  it("gives round SI byte ticks covering the maximum", () => {
    const t = niceTicks(265e6, "bytes", "si");
    expect(t[0]).toBe(0);
    expect(t.at(-1)!).toBeGreaterThanOrEqual(265e6);
    expect(t.length).toBeLessThanOrEqual(6);
    expect(t).toEqual([0, 100e6, 200e6, 300e6]);
  });

  it("gives power-of-two steps in IEC units", () => {
    const MiB = 2 ** 20;
    const t = niceTicks(265e6, "bytes", "iec");
    expect(t.at(-1)!).toBeGreaterThanOrEqual(265e6);
    for (const v of t) expect((v / MiB) % 8).toBe(0);
  });

  it("handles counts, fractions and empty data", () => {
    expect(niceTicks(110, "count", "si")).toEqual([0, 25, 50, 75, 100, 125]);
    expect(niceTicks(0.62, "percent", "si").at(-1)!).toBeGreaterThanOrEqual(0.62);
    expect(niceTicks(0, "bytes", "si")).toEqual([0, 1]);
  });
});

describe("splitLabel", () => {
  it("keeps short labels on one line", () => {
    expect(splitLabel("alpine:3.22", 24)).toEqual(["alpine:3.22"]);
  });

  it("breaks after a path separator and keeps the end of long tails", () => {
    expect(splitLabel("gcr.io/distroless/java21-debian12:debug", 24)).toEqual([
      "gcr.io/distroless/",
      "java21-debian12:debug",
    ]);
    const [a, b] = splitLabel("registry.example.com/team/very-long-image-name-for-testing:1.2.3-debug", 20);
    expect(a.length).toBeLessThanOrEqual(20);
    expect(b.length).toBe(20);
    expect(b.endsWith("debug")).toBe(true);
  });
});
