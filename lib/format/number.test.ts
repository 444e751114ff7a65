import { describe, expect, it } from "vitest";
import { formatCount, formatCountDelta, formatPercent, formatRelativeChange } from "./number";

describe("numbers", () => {
  it("formats counts with separators", () => {
    expect(formatCount(1234567)).toBe("1,234,567");
    expect(formatCount(0)).toBe("0");
    expect(formatCount(null)).toBe("–");
    expect(formatCountDelta(12)).toBe("+12");
    expect(formatCountDelta(-3)).toBe("-3");
    expect(formatCountDelta(0)).toBe("±0");
  });

  it("formats fractions as percentages", () => {
    expect(formatPercent(0.1234)).toBe("12.3%");
    expect(formatPercent(1)).toBe("100.0%");
    expect(formatPercent(0)).toBe("0.0%");
    expect(formatPercent(0.00001)).toBe("<0.1%");
    expect(formatPercent(0.5, 0)).toBe("50%");
    expect(formatPercent(undefined)).toBe("–");
  });

  it("formats relative change against a base", () => {
    expect(formatRelativeChange(125, 100)).toBe("+25.0%");
    expect(formatRelativeChange(50, 100)).toBe("-50.0%");
    expect(formatRelativeChange(100, 100)).toBe("±0%");
    expect(formatRelativeChange(5, 0)).toBeNull();
  });
});
