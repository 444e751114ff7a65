import "server-only";
import { takeToken, type RateLimit, type TakeResult } from "../security/rate-limit";
import { prisma } from "./client";

/**
 * Takes one token from `key`'s bucket under `limit`, in the database: every server process on this file
 * draws on the same buckets, and a restart does not refill them. One immediate transaction reads and
 * writes the bucket, so two processes cannot both spend its last token. Buckets idle for a whole window
 * are full again and are deleted on the way.
 */
export async function takeRateToken(key: string, limit: RateLimit, now = Date.now()): Promise<TakeResult> {
  return prisma.$transaction(async (tx) => {
    await tx.rateBucket.deleteMany({ where: { at: { lt: BigInt(now - limit.windowMs) } } });
    const row = await tx.rateBucket.findUnique({ where: { key } });
    const prev = row ? { tokens: row.tokens, at: Number(row.at) } : undefined;
    const { result, bucket } = takeToken(limit, prev, now);
    const data = { tokens: bucket.tokens, at: BigInt(bucket.at) };
    await tx.rateBucket.upsert({ where: { key }, create: { key, ...data }, update: data });
    return result;
  });
}
