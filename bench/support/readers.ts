import { timedGet } from "./http";

export type ReaderStats = {
  latencies: Map<string, number[]>;
  errors: Map<string, string[]>;
  requests: number;
  /** Resets of a reused keep-alive socket, retried once on a new connection as a browser does. */
  keepAliveResets: number;
};

/**
 * `readers` loops, each GETting `paths` in turn (offset by its index, so both endpoints are always in
 * flight) until `durationMs` has passed; a request already started is allowed to finish.
 */
export async function runReaders(
  base: string,
  paths: string[],
  readers: number,
  durationMs: number,
): Promise<ReaderStats> {
  const stats: ReaderStats = { latencies: new Map(), errors: new Map(), requests: 0, keepAliveResets: 0 };
  for (const p of paths) {
    stats.latencies.set(p, []);
    stats.errors.set(p, []);
  }
  const deadline = Date.now() + durationMs;
  const reader = async (i: number) => {
    for (let n = i; Date.now() < deadline; n++) {
      const path = paths[n % paths.length];
      stats.requests++;
      try {
        const r = await timedGet(`${base}${path}`).catch((e: { reusedSocket?: boolean }) => {
          if (!e.reusedSocket) throw e;
          stats.keepAliveResets++;
          return timedGet(`${base}${path}`);
        });
        if (r.status === 200) stats.latencies.get(path)!.push(r.totalMs);
        else stats.errors.get(path)!.push(`HTTP ${r.status}`);
      } catch (e) {
        const at = ((Date.now() - deadline + durationMs) / 1000).toFixed(1);
        stats.errors.get(path)!.push(`${e instanceof Error ? e.message : String(e)} at ${at} s`);
      }
    }
  };
  await Promise.all(Array.from({ length: readers }, (_, i) => reader(i)));
  return stats;
}
