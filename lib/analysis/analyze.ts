import { BasescopeError } from "../errors";
import { createArchiveSource, createDockerSource } from "../docker";
import { attributePackages } from "../packages";
import { inspectContents } from "../inspect";
import {
  buildMergedTree,
  fileCount,
  filesystemBytes,
  largestFiles,
  mergedFiles,
  scanLayer,
  wasteFigures,
} from "../layers";
import { formatPlatform, parsePlatform, parseReference } from "../reference";
import { createRegistrySource, fetchManifestInfo, type RegistryOptions } from "../registry";
import { historyForLayers } from "./history";
import type {
  AnalysisResult,
  ImageSource,
  LayerCache,
  LayerScan,
  ProgressFn,
  ResolvedImage,
  ScanLayer,
  SourceKind,
} from "./types";

export type AnalyzeInput = { reference: string; source?: SourceKind; platform?: string };

export type AnalyzeOptions = {
  cache?: LayerCache;
  signal?: AbortSignal;
  onProgress?: ProgressFn;
  insecureRegistries?: string[];
  dockerHost?: string;
  maxImageBytes?: number;
  /** The server's request forgery guard over everything the registry client fetches; none for the CLI. */
  egress?: RegistryOptions["egress"];
  /** Registry wait limits (no response headers / a body gone quiet); the registry client's defaults otherwise. */
  registryTimeouts?: { connectTimeoutMs?: number; idleTimeoutMs?: number };
};

function sourceFor(input: AnalyzeInput, opts: AnalyzeOptions): ImageSource {
  const kind = input.source ?? "registry";
  if (kind === "archive") return createArchiveSource(input.reference);
  if (kind === "docker") {
    return createDockerSource(input.reference, {
      dockerHost: opts.dockerHost,
      pull: "missing",
      manifestInfo: async (repoDigest, platform) =>
        fetchManifestInfo(parseReference(repoDigest), platform, {
          insecureRegistries: opts.insecureRegistries,
          egress: opts.egress,
          ...opts.registryTimeouts,
        }).catch(() => undefined),
    });
  }
  return createRegistrySource(parseReference(input.reference), {
    insecureRegistries: opts.insecureRegistries,
    egress: opts.egress,
    ...opts.registryTimeouts,
  });
}

/** Wraps the layer scanner with the cache, so a layer seen before is neither downloaded nor read again. */
function cachedScanner(opts: AnalyzeOptions, totals: { bytes: number }): ScanLayer {
  return async (desc, open) => {
    const hit = opts.cache && desc.digest ? await opts.cache.get(desc.digest) : undefined;
    const scan = hit ?? (await scanLayer(await open(), desc, { signal: opts.signal }));
    // Cached layers count too: the merged tree and the result grow with them all the same.
    totals.bytes += scan.uncompressedBytes;
    if (opts.maxImageBytes !== undefined && totals.bytes > opts.maxImageBytes) {
      throw new BasescopeError(
        "LimitExceeded",
        `The image holds more than ${opts.maxImageBytes} bytes of files, over this server's limit.`,
      );
    }
    if (!hit) await opts.cache?.put(scan);
    return scan;
  };
}

/** Measures one image: resolves it through its source, scans every layer once, and derives every figure. */
export async function analyzeImage(input: AnalyzeInput, opts: AnalyzeOptions = {}): Promise<AnalysisResult> {
  const platform = input.platform ? parsePlatform(input.platform) : undefined;
  const source = sourceFor(input, opts);
  const { image, scans } = await source.analyze(cachedScanner(opts, { bytes: 0 }), {
    platform,
    signal: opts.signal,
    onProgress: opts.onProgress,
  });
  opts.onProgress?.({ phase: "analyzing", fraction: 0.95 });
  return buildResult(image, scans);
}

export function buildResult(image: ResolvedImage, scans: LayerScan[]): AnalysisResult {
  const tree = buildMergedTree(scans);
  const waste = wasteFigures(scans);
  const pkgs = attributePackages(scans);
  const facts = inspectContents(tree, mergedFiles(scans, tree), image.config, pkgs.items);
  const history = historyForLayers(image.config.history, scans.length);
  const layers = scans.map((scan, index) => {
    const desc = image.layers[index];
    return {
      index,
      digest: desc?.digest ?? scan.digest,
      diffId: scan.diffId,
      mediaType: desc?.mediaType ?? "application/vnd.docker.image.rootfs.diff.tar",
      compressedBytes: desc?.size ?? scan.compressedBytes,
      uncompressedBytes: scan.uncompressedBytes,
      fileCount: scan.fileCount,
      createdBy: history[index]?.created_by ?? null,
      created: history[index]?.created ?? null,
      packagesAdded: pkgs.perLayer[index]?.added ?? [],
      packagesRemoved: pkgs.perLayer[index]?.removed ?? [],
    };
  });
  return {
    reference: image.reference,
    digest: image.digest,
    indexDigest: image.indexDigest ?? null,
    platform: formatPlatform(image.platform),
    availablePlatforms: image.availablePlatforms.map(formatPlatform),
    source: image.source,
    created: image.config.created ?? null,
    compressedBytes: image.layers.reduce((sum, l) => sum + l.size, 0),
    compressedIsEstimate: image.compressedIsEstimate,
    uncompressedBytes: scans.reduce((sum, s) => sum + s.uncompressedBytes, 0),
    filesystemBytes: filesystemBytes(tree),
    fileCount: fileCount(tree),
    wastedBytes: waste.wastedBytes,
    efficiency: waste.efficiency,
    userWastedPercent: waste.userWastedPercent,
    layers,
    packages: { manager: pkgs.manager, count: pkgs.items.length, items: pkgs.items, errors: pkgs.errors },
    ...facts,
    largestFiles: largestFiles(tree, 20),
    wastedPaths: waste.wastedPaths,
    notes: image.notes,
  };
}
