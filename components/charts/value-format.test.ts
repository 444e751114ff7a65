import { describe, expect, it } from "vitest";
import { logDomain, seriesColor, truncateLabel, valueFormat } from "./value-format";

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
