import { describe, expect, it } from "vitest";
import { isBasescopeError } from "../errors";
import { createLayerScanner } from "./layer-scanner";
import { gzip, makeTar, recordingHooks, streamOf, type TarSpec } from "./test-support";

/**
 * Random damage to real layers: every scan must end, within a bound, either with a result or with a
 * typed error — never a crash, an untyped exception or a hang.
 */
const scanLayer = createLayerScanner(recordingHooks().hooks);

// A small deterministic generator, so a failure can be replayed from its seed.
function rng(seed: number) {
  let s = seed >>> 0;
  return () => (s = (Math.imul(s ^ (s >>> 15), 0x2c1b3c6d) + 0x6d2b79f5) >>> 0) / 2 ** 32;
}

const specs: TarSpec[] = [
  ...Array.from({ length: 12 }, (_, i) => ({
    name: `usr/lib/f-${i}`,
    content: Buffer.alloc(700 + i * 31, i),
  })),
  { name: "etc/os-release", content: Buffer.from('ID=debian\nPRETTY_NAME="Debian"\n') },
  {
    name: "var/lib/dpkg/status",
    content: Buffer.from("Package: a\nStatus: install ok installed\nVersion: 1\n\n"),
  },
];

async function outcome(blob: Buffer): Promise<"ok" | string> {
  const scan = scanLayer(streamOf(blob, 997), { digest: "" });
  const timeout = new Promise<never>((_, reject) =>
    setTimeout(() => reject(new Error("scan did not end within 5 s")), 5000),
  );
  try {
    await Promise.race([scan, timeout]);
    return "ok";
  } catch (e) {
    if (isBasescopeError(e)) return e.kind;
    throw e;
  }
}

describe("scanLayer fuzz", () => {
  it("survives flipped bytes, truncations and junk in plain and gzip layers", async () => {
    const tar = await makeTar(specs);
    const random = rng(20261204);
    const kinds = new Map<string, number>();
    for (let i = 0; i < 300; i++) {
      const base = Buffer.from(i % 2 ? gzip(tar) : tar);
      const damaged = Buffer.from(base);
      const mode = i % 3;
      if (mode === 0)
        for (let k = 0; k < 1 + (i % 8); k++)
          damaged[Math.floor(random() * damaged.length)] ^= 1 + Math.floor(random() * 255);
      const blob =
        mode === 1
          ? damaged.subarray(0, Math.floor(random() * damaged.length))
          : mode === 2
            ? Buffer.concat([
                damaged.subarray(0, 600),
                Buffer.from(Array.from({ length: 2000 }, () => Math.floor(random() * 256))),
              ])
            : damaged;
      const kind = await outcome(blob);
      kinds.set(kind, (kinds.get(kind) ?? 0) + 1);
    }
    // Damage must be noticed at least some of the time, and only ever as these kinds.
    expect(kinds.get("CorruptLayer") ?? 0).toBeGreaterThan(0);
    for (const kind of kinds.keys()) expect(["ok", "CorruptLayer", "LimitExceeded"]).toContain(kind);
  }, 120_000);
});
