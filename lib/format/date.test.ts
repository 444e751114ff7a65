import { describe, expect, it } from "vitest";
import { formatAge, formatDate, formatDateTime, toIsoString } from "./date";

describe("dates", () => {
  it("renders in UTC whatever the offset of the input", () => {
    expect(formatDateTime("2025-12-04T23:30:00-02:00")).toBe("2025-12-05 01:30 UTC");
    expect(formatDate("2025-12-04T23:30:00-02:00")).toBe("2025-12-05");
    expect(formatDate(new Date(Date.UTC(2024, 0, 9)))).toBe("2024-01-09");
  });

  it("does not depend on the process time zone", () => {
    const iso = "2025-06-30T22:15:00Z";
    const expected = new Date(iso).toISOString().slice(0, 16).replace("T", " ") + " UTC";
    expect(formatDateTime(iso)).toBe(expected);
  });

  it("handles missing and invalid values", () => {
    expect(formatDate(null)).toBe("–");
    expect(formatDateTime("not a date")).toBe("–");
    expect(toIsoString("")).toBe("");
    expect(toIsoString("2025-01-02T03:04:05Z")).toBe("2025-01-02T03:04:05.000Z");
  });

  it("formats ages relative to an explicit now", () => {
    const now = "2025-12-04T12:00:00Z";
    expect(formatAge("2025-12-04T11:59:50Z", now)).toBe("just now");
    expect(formatAge("2025-12-04T11:58:00Z", now)).toBe("2 minutes ago");
    expect(formatAge("2025-12-04T11:00:00Z", now)).toBe("1 hour ago");
    expect(formatAge("2025-12-01T12:00:00Z", now)).toBe("3 days ago");
    expect(formatAge("2023-12-01T12:00:00Z", now)).toBe("2 years ago");
    expect(formatAge("2025-12-05T12:00:00Z", now)).toBe("in the future");
  });
});
