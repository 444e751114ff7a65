import { describe, expect, it } from "vitest";
import { clientKey } from "./client-key";
import { parseRateLimit, TokenBucketLimiter } from "./rate-limit";

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

describe("TokenBucketLimiter", () => {
  it("allows a burst of `count`, then refuses with the wait until one more is earned", () => {
    let now = 1_000_000;
    const limiter = new TokenBucketLimiter({ count: 3, windowMs: 60_000 }, () => now);
    expect([1, 2, 3].map(() => limiter.take("a").ok)).toEqual([true, true, true]);
    expect(limiter.take("a")).toEqual({ ok: false, retryAfterSeconds: 20 });
    now += 10_000;
    expect(limiter.take("a")).toEqual({ ok: false, retryAfterSeconds: 10 });
    now += 10_000;
    expect(limiter.take("a").ok).toBe(true);
    expect(limiter.take("a").ok).toBe(false);
  });

  it("keeps clients apart and refills no further than the burst size", () => {
    let now = 0;
    const limiter = new TokenBucketLimiter({ count: 2, windowMs: 1000 }, () => now);
    limiter.take("a");
    limiter.take("a");
    expect(limiter.take("a").ok).toBe(false);
    expect(limiter.take("b").ok).toBe(true);
    now += 3_600_000;
    expect([1, 2, 3].map(() => limiter.take("a").ok)).toEqual([true, true, false]);
  });

  it("forgets the idlest clients past maxKeys (a forgotten client starts with a full bucket)", () => {
    const limiter = new TokenBucketLimiter({ count: 1, windowMs: 60_000 }, () => 0, 2);
    limiter.take("a");
    limiter.take("b");
    limiter.take("c");
    expect(limiter.take("c").ok).toBe(false);
    expect(limiter.take("a").ok).toBe(true);
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
