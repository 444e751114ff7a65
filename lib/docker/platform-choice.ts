import type { Platform } from "../analysis/types";
import { BasescopeError } from "../errors";
import { DEFAULT_PLATFORM, formatPlatform, normalizePlatform, samePlatform } from "../reference";

export type IndexEntry = {
  mediaType?: string;
  digest: string;
  size?: number;
  platform?: { os?: string; architecture?: string; variant?: string };
  annotations?: Record<string, string>;
};

function isAttestation(e: IndexEntry): boolean {
  return (
    e.annotations?.["vnd.docker.reference.type"] === "attestation-manifest" ||
    (e.platform?.os === "unknown" && e.platform?.architecture === "unknown")
  );
}

function hostPlatform(): Platform {
  const arch = process.arch === "x64" ? "amd64" : process.arch;
  return arch === "amd64" || arch === "arm64" ? { os: "linux", architecture: arch } : DEFAULT_PLATFORM;
}

/**
 * Chooses one manifest of an OCI index. Without a wanted platform, prefers entries whose blobs the archive
 * really holds (an engine's save of a multi-platform image lists every platform but carries only some),
 * then the host platform, then the first entry.
 */
export function choosePlatform(
  entries: IndexEntry[],
  wanted: Platform | undefined,
  present: (digest: string) => boolean,
): { entry: IndexEntry; available: Platform[] } {
  const candidates = entries.filter((e) => typeof e.digest === "string" && !isAttestation(e));
  const available = candidates.filter((e) => e.platform).map((e) => normalizePlatform(e.platform!));
  const matches = (p: Platform) => (e: IndexEntry) =>
    !e.platform || samePlatform(normalizePlatform(e.platform), p);
  if (wanted) {
    const entry = candidates.find(matches(wanted));
    if (!entry) {
      const offered = available.map(formatPlatform).join(", ") || "none";
      throw new BasescopeError(
        "PlatformNotFound",
        `The archive has no image for ${formatPlatform(wanted)} (it offers: ${offered}).`,
      );
    }
    return { entry, available };
  }
  const held = candidates.filter((e) => present(e.digest));
  const pool = held.length > 0 ? held : candidates;
  const entry = pool.find(matches(hostPlatform())) ?? pool[0];
  if (!entry) throw new BasescopeError("CorruptLayer", "The archive's index.json lists no image manifest.");
  return { entry, available };
}
