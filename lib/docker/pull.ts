import type Docker from "dockerode";
import type { Platform, ProgressFn } from "../analysis/types";
import { formatPlatform } from "../reference";
import { daemonUnavailable, isConnectionError, pullError } from "./engine-errors";

type PullEvent = {
  status?: string;
  id?: string;
  progressDetail?: { current?: number; total?: number };
  error?: string;
  errorDetail?: { code?: number; message?: string };
};

export type PullOptions = {
  platform?: Platform;
  signal?: AbortSignal;
  onProgress?: ProgressFn;
  /** Share of the overall progress the pull occupies (0..1). */
  share: number;
  engineLabel: string;
};

/** Σ downloaded / Σ size over the layers the engine announced; "Already exists" layers count as done. */
function pullFraction(layers: Map<string, { current: number; total: number }>): number {
  let current = 0;
  let total = 0;
  for (const l of layers.values()) {
    current += Math.min(l.current, l.total);
    total += l.total;
  }
  return total > 0 ? current / total : 0;
}

/**
 * `docker pull` through the engine, reading the progress stream line by line: docker-modem's followProgress
 * would report success on an `errorDetail` event, so each event is checked here.
 */
export async function pullImage(docker: Docker, reference: string, opts: PullOptions): Promise<void> {
  let stream: NodeJS.ReadableStream;
  try {
    const query: Record<string, unknown> = opts.platform ? { platform: formatPlatform(opts.platform) } : {};
    if (opts.signal) query.abortSignal = opts.signal;
    stream = await docker.pull(reference, query);
  } catch (e) {
    throw isConnectionError(e) ? daemonUnavailable(opts.engineLabel, e) : pullError(reference, e);
  }
  const layers = new Map<string, { current: number; total: number }>();
  const onEvent = (event: PullEvent) => {
    if (event.errorDetail || event.error) {
      throw pullError(reference, new Error(event.errorDetail?.message ?? event.error));
    }
    if (!event.id || !event.status) return;
    const layer = layers.get(event.id) ?? { current: 0, total: 0 };
    const detail = event.progressDetail;
    if (event.status === "Downloading" && detail?.total) {
      layer.total = detail.total;
      layer.current = detail.current ?? 0;
    } else if (/^(Download complete|Pull complete|Already exists|Extracting)/.test(event.status)) {
      layer.current = layer.total;
    }
    layers.set(event.id, layer);
    opts.onProgress?.({
      phase: "pulling",
      fraction: opts.share * pullFraction(layers),
      message: `${event.status} ${event.id}`,
    });
  };
  try {
    let pending = "";
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      pending += chunk.toString("utf8");
      const lines = pending.split("\n");
      pending = lines.pop() ?? "";
      for (const line of lines) if (line.trim()) onEvent(JSON.parse(line) as PullEvent);
    }
    if (pending.trim()) onEvent(JSON.parse(pending) as PullEvent);
  } catch (e) {
    (stream as NodeJS.ReadableStream & { destroy?: () => void }).destroy?.();
    throw opts.signal?.aborted
      ? pullError(reference, Object.assign(new Error("aborted"), { name: "AbortError" }))
      : pullError(reference, e);
  }
}
