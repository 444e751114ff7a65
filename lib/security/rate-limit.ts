/**
 * Token buckets per client: each key may spend `count` actions at once and earns them back evenly over
 * `windowMs`, so a steady client is never starved and a burst is bounded. Kept in memory: a limit for
 * one server process, which is where the web form and the API both run.
 */
export type RateLimit = { count: number; windowMs: number };

export type TakeResult = { ok: true } | { ok: false; retryAfterSeconds: number };

const UNIT_MS: Record<string, number> = { s: 1000, m: 60_000, h: 3_600_000 };

/** "30/10m" → 30 per 10 minutes; "0" or "off" → no limit (null). Throws a message naming the format. */
export function parseRateLimit(text: string): RateLimit | null {
  const t = text.trim();
  if (t === "0" || t === "off") return null;
  const m = /^(\d+)\s*\/\s*(\d+)?\s*([smh])$/.exec(t);
  const count = Number(m?.[1]);
  const windowMs = Number(m?.[2] ?? 1) * UNIT_MS[m?.[3] ?? "s"];
  if (!m || count < 1 || windowMs < 1)
    throw new Error(`"${text}" is not a rate such as 30/10m (count per s, m or h), or 0 for none`);
  return { count, windowMs };
}

type Bucket = { tokens: number; at: number };

export class TokenBucketLimiter {
  private readonly buckets = new Map<string, Bucket>();

  constructor(
    readonly limit: RateLimit,
    private readonly now: () => number = Date.now,
    /** Beyond this many clients the idlest are forgotten, so random keys cannot grow memory without end. */
    private readonly maxKeys = 10_000,
  ) {}

  take(key: string): TakeResult {
    const { count, windowMs } = this.limit;
    const perMs = count / windowMs;
    const now = this.now();
    const prev = this.buckets.get(key);
    const tokens = prev ? Math.min(count, prev.tokens + (now - prev.at) * perMs) : count;
    // Re-inserting keeps the map in least-recently-used order for eviction.
    this.buckets.delete(key);
    if (tokens < 1) {
      this.buckets.set(key, { tokens, at: now });
      return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil((1 - tokens) / perMs / 1000)) };
    }
    this.buckets.set(key, { tokens: tokens - 1, at: now });
    if (this.buckets.size > this.maxKeys) this.buckets.delete(this.buckets.keys().next().value as string);
    return { ok: true };
  }
}
