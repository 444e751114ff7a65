export type HistoryRun = {
  id: string;
  analyzedAt: string;
  digest: string;
  compressedBytes: number;
  filesystemBytes: number;
  packageCount: number;
  status?: string;
};

export type HistoryPoint = {
  id: string;
  /** Epoch milliseconds, the x value of a time axis. */
  t: number;
  analyzedAt: string;
  digest: string;
  /** The tag pointed at a new digest in this run: the image was rebuilt or re-tagged. */
  digestChanged: boolean;
  values: { compressed: number; filesystem: number; packages: number };
};

/**
 * Runs of one tag → a time series in chronological order. Runs that did not succeed carry no figures and
 * are dropped rather than drawn as zero.
 */
export function toSizeHistory(runs: readonly HistoryRun[]): HistoryPoint[] {
  const ok = runs
    .filter(
      (r) => (r.status === undefined || r.status === "succeeded") && !Number.isNaN(Date.parse(r.analyzedAt)),
    )
    .map((r) => ({ run: r, t: Date.parse(r.analyzedAt) }))
    .sort((a, b) => a.t - b.t || a.run.id.localeCompare(b.run.id));
  return ok.map(({ run, t }, i) => ({
    id: run.id,
    t,
    analyzedAt: run.analyzedAt,
    digest: run.digest,
    digestChanged: i > 0 && ok[i - 1].run.digest !== run.digest,
    values: { compressed: run.compressedBytes, filesystem: run.filesystemBytes, packages: run.packageCount },
  }));
}
