import { describe, expect, it } from "vitest";
import {
  formatBytes,
  formatBytesDelta,
  formatBytesTick,
  formatExactBytes,
  isUnitSystem,
  unitSystemLabel,
} from "./bytes";

describe("formatBytes", () => {
  it("uses decimal units by default", () => {
    expect(formatBytes(0)).toBe("0 B");
    expect(formatBytes(999)).toBe("999 B");
    expect(formatBytes(1000)).toBe("1.00 kB");
    expect(formatBytes(12_345_678)).toBe("12.3 MB");
    expect(formatBytes(123_456_789)).toBe("123 MB");
    expect(formatBytes(1_500_000_000)).toBe("1.50 GB");
  });

  it("uses binary units when asked", () => {
    expect(formatBytes(1024, { system: "iec" })).toBe("1.00 KiB");
    expect(formatBytes(1000, { system: "iec" })).toBe("1000 B");
    expect(formatBytes(5 * 1024 * 1024, { system: "iec" })).toBe("5.00 MiB");
    expect(formatBytes(12_345_678, { system: "iec" })).toBe("11.8 MiB");
  });

  it("moves up a unit instead of printing 1000 kB", () => {
    expect(formatBytes(999_960)).toBe("1.00 MB");
    expect(formatBytes(1_048_575, { system: "iec" })).toBe("1.00 MiB");
  });

  it("keeps the sign and rejects non-finite values", () => {
    expect(formatBytes(-2_500_000)).toBe("-2.50 MB");
    expect(formatBytes(Number.NaN)).toBe("–");
    expect(formatBytes(Number.POSITIVE_INFINITY)).toBe("–");
  });

  it("honours the significant digits option", () => {
    expect(formatBytes(12_345_678, { significant: 4 })).toBe("12.35 MB");
    expect(formatBytesTick(12_345_678)).toBe("12 MB");
    expect(formatBytesTick(0)).toBe("0");
    expect(formatBytesTick(1_000_000)).toBe("1 MB");
    expect(formatBytesTick(1_500_000)).toBe("1.5 MB");
    expect(formatBytesTick(64 * 2 ** 20, "iec")).toBe("64 MiB");
  });
});

describe("deltas and exact values", () => {
  it("signs deltas", () => {
    expect(formatBytesDelta(1_200_000)).toBe("+1.20 MB");
    expect(formatBytesDelta(-300_000)).toBe("-300 kB");
    expect(formatBytesDelta(0)).toBe("±0 B");
  });

  it("prints exact bytes with separators", () => {
    expect(formatExactBytes(12_345_678)).toBe("12,345,678 bytes");
    expect(formatExactBytes(1)).toBe("1 byte");
    expect(formatExactBytes(Number.NaN)).toBe("unknown");
  });

  it("recognises unit systems", () => {
    expect(isUnitSystem("si")).toBe(true);
    expect(isUnitSystem("iec")).toBe(true);
    expect(isUnitSystem("MB")).toBe(false);
    expect(unitSystemLabel("iec")).toBe("MiB");
  });
});
