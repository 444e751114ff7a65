import { describe, expect, it } from "vitest";
import { clientKey } from "./client-key";
import { parseRateLimit, takeToken, type Bucket, type RateLimit } from "./rate-limit";

describe("parseRateLimit", () => {
  it("reads count per window, and 0 as no limit", () => {
    expect(parseRateLimit("30/10m")).toEqual({ count: 30, windowMs: 600_000 });
    expect(parseRateLimit("5/s")).toEqual({ count: 5, windowMs: 1000 });
    expect(parseRateLimit(" 100 / 1h ")).toEqual({ count: 100, windowMs: 3_600_000 });
    expect(parseRateLimit("0")).toBeNull();
    for (const bad of ["30", "30/10", "0/1m", "x/1m", "30/10d", ""])
      expect(() => parseRateLimit(bad), bad).toThrow(/not a rate such as 30\/10m/);
  });
});

describe("takeToken", () => {
  /** Takes in sequence at the given times, carrying the bucket along as the database does. */
  function takes(limit: RateLimit, times: number[]) {
    let bucket: Bucket | undefined;
    return times.map((now) => {
      const out = takeToken(limit, bucket, now);
      bucket = out.bucket;
      return out.result;
    });
  }

  it("allows a burst of `count`, then refuses with the wait until one more is earned", () => {
    const t = 1_000_000;
    expect(takes({ count: 3, windowMs: 60_000 }, [t, t, t, t, t + 10_000, t + 20_000, t + 20_000])).toEqual([
      { ok: true },
      { ok: true },
      { ok: true },
      { ok: false, retryAfterSeconds: 20 },
      { ok: false, retryAfterSeconds: 10 },
      { ok: true },
      { ok: false, retryAfterSeconds: 20 },
    ]);
  });

  it("refills no further than the burst size, and a clock that went back earns nothing", () => {
    const limit = { count: 2, windowMs: 1000 };
    expect(takes(limit, [0, 0, 0, 3_600_000, 3_600_000, 3_600_000]).map((r) => r.ok)).toEqual([
      true,
      true,
      false,
      true,
      true,
      false,
    ]);
    expect(takes(limit, [5000, 5000, 4000]).map((r) => r.ok)).toEqual([true, true, false]);
  });
});

describe("clientKey", () => {
  it("prefers the recorded peer, folds IPv4-mapped forms, and never holds the token itself", () => {
    expect(clientKey(new Headers({ "x-basescope-peer": "::ffff:10.0.0.5" }))).toBe("peer:10.0.0.5");
    expect(clientKey(new Headers({ "x-basescope-peer": "10.0.0.5", authorization: "Bearer s" }))).toBe(
      "peer:10.0.0.5",
    );
    const byToken = clientKey(new Headers({ authorization: "Bearer very-secret-token" }));
    expect(byToken).toMatch(/^token:[0-9a-f]{32}$/);
    expect(byToken).not.toContain("very-secret-token");
    expect(clientKey(new Headers())).toBe("local");
  });
});
