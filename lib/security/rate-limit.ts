/**
 * Token buckets per client: each key may spend `count` actions at once and earns them back evenly over
 * `windowMs`, so a steady client is never starved and a burst is bounded. The arithmetic is here; the
 * buckets live in the database (lib/db/rate-buckets.ts), shared by every server process.
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

/** A client's bucket: tokens left when it last took one, and when (ms). No bucket yet means full. */
export type Bucket = { tokens: number; at: number };

/** One attempt to take a token at `now`: the answer, and the bucket to store whatever it was. */
export function takeToken(
  limit: RateLimit,
  prev: Bucket | undefined,
  now: number,
): { result: TakeResult; bucket: Bucket } {
  const { count, windowMs } = limit;
  const perMs = count / windowMs;
  const tokens = prev ? Math.min(count, prev.tokens + Math.max(0, now - prev.at) * perMs) : count;
  if (tokens < 1) {
    const retryAfterSeconds = Math.max(1, Math.ceil((1 - tokens) / perMs / 1000));
    return { result: { ok: false, retryAfterSeconds }, bucket: { tokens, at: now } };
  }
  return { result: { ok: true }, bucket: { tokens: tokens - 1, at: now } };
}
