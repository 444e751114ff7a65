import { beforeAll, describe, expect, it } from "vitest";
import { ensureFixtures } from "../../scripts/fixtures";
import { analyzeImage } from "./analyze";
import type { LayerCache, LayerScan } from "./types";
import { errorOf } from "../../scripts/test-support/error-of";

/**
 * MAX_IMAGE_BYTES bounds the files an analysis takes in: exactly the image's size passes, one byte less
 * is refused with a message that says which limit, and layers answered from the cache count too.
 */
let reference: string;
let total: number;

beforeAll(async () => {
  const fx = await ensureFixtures(["waste"]);
  reference = fx.images.waste;
  total = (await analyzeImage({ reference })).uncompressedBytes;
});

/** A layer cache kept in memory, as the server's database-backed one behaves. */
function memoryCache(): LayerCache & { size(): number } {
  const scans = new Map<string, LayerScan>();
  return {
    get: async (digest) => scans.get(digest),
    put: async (scan) => void scans.set(scan.digest, scan),
    size: () => scans.size,
  };
}

describe("MAX_IMAGE_BYTES", () => {
  it("accepts an image of exactly the limit and refuses one byte less with LimitExceeded", async () => {
    expect(total).toBeGreaterThan(0);
    expect((await analyzeImage({ reference }, { maxImageBytes: total })).uncompressedBytes).toBe(total);
    const e = await errorOf(analyzeImage({ reference }, { maxImageBytes: total - 1 }));
    expect(e.kind).toBe("LimitExceeded");
    expect(e.message).toBe(
      `The image holds more than ${total - 1} bytes of files, over this server's limit.`,
    );
  });

  it("counts layers the cache already holds", async () => {
    const cache = memoryCache();
    await analyzeImage({ reference }, { cache });
    expect(cache.size()).toBeGreaterThan(0);
    const e = await errorOf(analyzeImage({ reference }, { cache, maxImageBytes: total - 1 }));
    expect(e.kind).toBe("LimitExceeded");
  });
});
