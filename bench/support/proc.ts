import { readFileSync } from "node:fs";

/** A field of /proc/<pid>/status in bytes (VmRSS, VmHWM...), or undefined once the process is gone. */
export function procStatusBytes(pid: number, field: "VmRSS" | "VmHWM"): number | undefined {
  try {
    const status = readFileSync(`/proc/${pid}/status`, "utf8");
    const m = new RegExp(`^${field}:\\s+(\\d+) kB`, "m").exec(status);
    return m ? Number(m[1]) * 1024 : undefined;
  } catch {
    return undefined;
  }
}

export type RssSample = { t: number; rss: number };

/** Samples a process's resident set every `everyMs` until stopped; returns the samples in order. */
export function sampleRss(pid: number, everyMs = 100): { stop(): RssSample[] } {
  const start = Date.now();
  const samples: RssSample[] = [];
  const take = () => {
    const rss = procStatusBytes(pid, "VmRSS");
    if (rss !== undefined) samples.push({ t: Date.now() - start, rss });
  };
  take();
  const timer = setInterval(take, everyMs);
  return {
    stop() {
      clearInterval(timer);
      take();
      return samples;
    },
  };
}

/** Min, max and the first/last tenth's averages: "flat" means the last tenth is near the first. */
export function rssSummary(samples: RssSample[]) {
  const rss = samples.map((s) => s.rss);
  const tenth = Math.max(1, Math.floor(rss.length / 10));
  const avg = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  return {
    n: rss.length,
    min: Math.min(...rss),
    max: Math.max(...rss),
    first: avg(rss.slice(0, tenth)),
    last: avg(rss.slice(-tenth)),
  };
}

/** CPU time (user + system) a process has used so far, in ms: a figure other load on the box cannot inflate. */
export function cpuMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  // utime and stime are fields 14 and 15 of stat(5), i.e. 11 and 12 after the command name; 100 ticks/s.
  return (Number(fields[11]) + Number(fields[12])) * 10;
}
