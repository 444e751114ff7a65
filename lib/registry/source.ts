import type {
  ImageSource,
  LayerDescriptor,
  LayerScan,
  ProgressFn,
  ResolvedImage,
  ScanLayer,
  SourceOptions,
} from "../analysis/types";
import { BasescopeError, toBasescopeError } from "../errors";
import type { ImageReference } from "../reference";
import { openBlob } from "./blob";
import { RegistryClient, type RegistryOptions } from "./client";
import { resolveWithClient } from "./resolve";

/**
 * The registry as an image source: no daemon, only HTTP. Resolves the reference, then hands each layer to
 * the scanner with at most `concurrency` downloads in flight and returns the scans in manifest order.
 */
export type RegistrySourceOptions = RegistryOptions & { concurrency?: number };

const FOREIGN_TYPES = new Set([
  "application/vnd.docker.image.rootfs.foreign.diff.tar.gzip",
  "application/vnd.oci.image.layer.nondistributable.v1.tar",
  "application/vnd.oci.image.layer.nondistributable.v1.tar+gzip",
  "application/vnd.oci.image.layer.nondistributable.v1.tar+zstd",
]);

const PROGRESS_INTERVAL_MS = 200;

function progressReporter(total: number, onProgress?: ProgressFn) {
  const done = new Map<number, number>();
  let last = 0;
  const emit = (force: boolean) => {
    if (!onProgress) return;
    const now = Date.now();
    if (!force && now - last < PROGRESS_INTERVAL_MS) return;
    last = now;
    let bytesDone = 0;
    for (const n of done.values()) bytesDone += n;
    const fraction = total > 0 ? Math.min(1, bytesDone / total) : 1;
    onProgress({ phase: "downloading", fraction, bytesDone, bytesTotal: total });
  };
  return {
    add(index: number, n: number) {
      done.set(index, (done.get(index) ?? 0) + n);
      emit(false);
    },
    finish(index: number, size: number) {
      done.set(index, size);
      emit(true);
    },
  };
}

function checkAborted(signal?: AbortSignal) {
  if (signal?.aborted) throw new BasescopeError("Cancelled", "The run was cancelled.");
}

export function createRegistrySource(ref: ImageReference, opts: RegistrySourceOptions = {}): ImageSource {
  const concurrency = Math.max(1, Math.floor(opts.concurrency ?? 3));
  return {
    kind: "registry",
    async analyze(scan: ScanLayer, so: SourceOptions) {
      checkAborted(so.signal);
      so.onProgress?.({ phase: "resolving", fraction: 0, message: `Resolving ${ref.toString()}` });
      const client = new RegistryClient(ref.registry, ref.repository, opts);
      const info = await resolveWithClient(client, ref, so.platform, so.signal);
      const notes = [...info.notes];
      const layers: LayerDescriptor[] = [];
      for (const layer of info.layers) {
        if (FOREIGN_TYPES.has(layer.mediaType)) {
          notes.push(
            `Skipped foreign layer ${layer.digest} (${layer.size} bytes, not distributable through the registry); it is not counted.`,
          );
        } else layers.push(layer);
      }
      const image: ResolvedImage = {
        reference: info.reference,
        source: "registry",
        digest: info.digest,
        indexDigest: info.indexDigest,
        platform: info.platform,
        availablePlatforms: info.availablePlatforms,
        config: info.config,
        configDigest: info.configDigest,
        layers,
        compressedIsEstimate: false,
        notes,
      };
      const scans = await scanAll(client, layers, scan, concurrency, so);
      return { image, scans };
    },
  };
}

async function scanAll(
  client: RegistryClient,
  layers: LayerDescriptor[],
  scan: ScanLayer,
  concurrency: number,
  so: SourceOptions,
): Promise<LayerScan[]> {
  const total = layers.reduce((sum, l) => sum + l.size, 0);
  const progress = progressReporter(total, so.onProgress);
  // One failure stops the other downloads: their results would be thrown away anyway.
  const stop = new AbortController();
  const signal = so.signal ? AbortSignal.any([so.signal, stop.signal]) : stop.signal;
  const scans: LayerScan[] = new Array(layers.length);
  let next = 0;
  let failure: unknown;

  const worker = async () => {
    while (next < layers.length && failure === undefined) {
      const index = next++;
      const layer = layers[index];
      try {
        checkAborted(so.signal);
        const what = `layer ${index + 1} (${layer.digest})`;
        scans[index] = await scan(
          { digest: layer.digest, mediaType: layer.mediaType, size: layer.size },
          () =>
            openBlob(client, layer, what, {
              signal,
              idleTimeoutMs: client.idleTimeoutMs,
              onBytes: (n) => progress.add(index, n),
            }),
        );
        progress.finish(index, layer.size);
      } catch (e) {
        failure ??= so.signal?.aborted ? new BasescopeError("Cancelled", "The run was cancelled.") : e;
        stop.abort();
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, layers.length) }, worker));
  if (failure !== undefined) throw toBasescopeError(failure);
  if (layers.length === 0)
    so.onProgress?.({ phase: "downloading", fraction: 1, bytesDone: 0, bytesTotal: 0 });
  return scans;
}
