import type { ImageConfig, LayerDescriptor, Platform } from "../analysis/types";
import { BasescopeError } from "../errors";
import {
  DEFAULT_PLATFORM,
  formatPlatform,
  normalizePlatform,
  platformCompatible,
  type ImageReference,
} from "../reference";
import { CONFIG_LIMIT, readSmallBlob } from "./blob";
import { RegistryClient, type RegistryOptions } from "./client";
import { rateLimitNote } from "./errors";
import { getManifest, headDigest, isCachedManifest, type FetchedManifest } from "./manifest";
import { selectManifest } from "./select-platform";

/**
 * From a reference to the one image manifest for a platform, its config and layers: HEAD for the digest when
 * the reference is a tag, GET each manifest once (by digest, cached), walk indexes (nested ones too, up to a
 * depth), then read the config blob.
 */
export type ManifestInfo = {
  reference: string;
  /** Digest of the image manifest. */
  digest: string;
  mediaType: string;
  indexDigest?: string;
  platform: Platform;
  availablePlatforms: Platform[];
  config: ImageConfig;
  configDigest: string;
  /** Every layer the manifest lists, foreign ones included. */
  layers: LayerDescriptor[];
  notes: string[];
};

export type ResolveOptions = RegistryOptions & { signal?: AbortSignal };

const MAX_INDEX_DEPTH = 4;

async function firstManifest(
  client: RegistryClient,
  ref: ImageReference,
  what: string,
  signal?: AbortSignal,
): Promise<FetchedManifest & { headers?: Headers }> {
  if (ref.digest) return getManifest(client, ref.digest, what, { signal });
  const tag = ref.tag ?? "latest";
  let digest: string | undefined;
  try {
    digest = await headDigest(client, tag, what, signal);
  } catch (e) {
    // Some registries answer HEAD badly; only a definite answer about the image itself is final.
    if (
      e instanceof BasescopeError &&
      [
        "ImageNotFound",
        "AuthRequired",
        "AuthDenied",
        "RateLimited",
        "RegistryUnreachable",
        "Cancelled",
      ].includes(e.kind)
    )
      throw e;
  }
  if (digest && isCachedManifest(client, digest)) return getManifest(client, digest, what, { signal });
  return getManifest(client, tag, what, { signal });
}

export async function resolveWithClient(
  client: RegistryClient,
  ref: ImageReference,
  wanted: Platform | undefined,
  signal?: AbortSignal,
): Promise<ManifestInfo> {
  const what = ref.toString();
  const notes: string[] = [];
  const target = normalizePlatform(wanted ?? DEFAULT_PLATFORM);
  let manifest = await firstManifest(client, ref, what, signal);
  const note = manifest.headers ? rateLimitNote(manifest.headers) : undefined;
  if (note) notes.push(note);

  let indexDigest: string | undefined;
  let available: Platform[] | undefined;
  let chosen: Platform | undefined;
  for (let depth = 0; manifest.kind === "index"; depth++) {
    if (depth >= MAX_INDEX_DEPTH)
      throw new BasescopeError(
        "UnsupportedMediaType",
        `${what} nests indexes more than ${MAX_INDEX_DEPTH} deep.`,
      );
    indexDigest ??= manifest.digest;
    const selection = selectManifest(manifest.manifests, target, what);
    if (selection.note) notes.push(selection.note);
    available ??= selection.available;
    chosen = selection.platform;
    manifest = await getManifest(
      client,
      selection.entry.digest,
      `${what} (${formatPlatform(selection.platform)})`,
      { signal },
    );
  }

  const configRaw = await readSmallBlob(client, manifest.config, CONFIG_LIMIT, `the config of ${what}`, {
    signal,
  });
  let config: ImageConfig;
  try {
    config = JSON.parse(configRaw.toString("utf8")) as ImageConfig;
  } catch {
    throw new BasescopeError("RegistryError", `The config of ${what} is not valid JSON.`, {
      transient: false,
    });
  }
  const fromConfig = config.architecture
    ? normalizePlatform({ os: config.os, architecture: config.architecture, variant: config.variant })
    : undefined;
  const platform = chosen ?? fromConfig ?? target;
  if (
    !indexDigest &&
    wanted &&
    fromConfig &&
    formatPlatform(fromConfig) !== formatPlatform(target) &&
    !platformCompatible(target, fromConfig)
  ) {
    throw new BasescopeError(
      "PlatformNotFound",
      `${what} is a single-platform image for ${formatPlatform(fromConfig)}, not ${formatPlatform(target)}.`,
    );
  }
  return {
    reference: what,
    digest: manifest.digest,
    mediaType: manifest.mediaType,
    indexDigest,
    platform,
    availablePlatforms: available ?? [platform],
    config,
    configDigest: manifest.config.digest,
    layers: manifest.layers.map((l) => ({
      digest: l.digest,
      mediaType: l.mediaType,
      size: l.size,
      ...(l.urls?.length ? { urls: l.urls } : {}),
    })),
    notes,
  };
}

/** Manifest facts for a reference without reading any layer (the Docker source uses it for compressed sizes). */
export async function fetchManifestInfo(
  ref: ImageReference,
  platform?: Platform,
  opts: ResolveOptions = {},
): Promise<ManifestInfo> {
  const client = new RegistryClient(ref.registry, ref.repository, opts);
  return resolveWithClient(client, ref, platform, opts.signal);
}
