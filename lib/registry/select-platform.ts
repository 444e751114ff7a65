import type { Platform } from "../analysis/types";
import { BasescopeError } from "../errors";
import { formatPlatform, normalizePlatform, platformCompatible, samePlatform } from "../reference";
import type { Descriptor } from "./manifest";

/**
 * Choosing one manifest from an index the way containerd does: normalise both sides, the first exact match
 * wins, else the best compatible one (an older arm variant, a lower amd64 level); attestations never count.
 */
export function isAttestation(entry: Descriptor): boolean {
  if (entry.annotations?.["vnd.docker.reference.type"] === "attestation-manifest") return true;
  return entry.platform?.os === "unknown" || entry.platform?.architecture === "unknown";
}

export function entryPlatform(entry: Descriptor): Platform | undefined {
  const p = entry.platform;
  if (!p?.architecture || !p.os) return undefined;
  return normalizePlatform(p);
}

export type Selection = { entry: Descriptor; platform: Platform; available: Platform[]; note?: string };

function variantRank(p: Platform): number {
  const n = Number((p.variant ?? "").replace(/^v/, ""));
  return Number.isFinite(n) ? n : 0;
}

export function selectManifest(entries: Descriptor[], wanted: Platform, what: string): Selection {
  const candidates = entries
    .filter((e) => !isAttestation(e))
    .flatMap((entry) => {
      const platform = entryPlatform(entry);
      return platform ? [{ entry, platform }] : [];
    });
  const available: Platform[] = [];
  for (const c of candidates)
    if (!available.some((p) => samePlatform(p, c.platform))) available.push(c.platform);

  const exact = candidates.find((c) => samePlatform(c.platform, wanted));
  if (exact) return { ...exact, available };
  const compatible = candidates
    .filter((c) => platformCompatible(wanted, c.platform))
    .sort((a, b) => variantRank(b.platform) - variantRank(a.platform))[0];
  if (compatible) {
    const note = `${what} has no ${formatPlatform(wanted)} image; using ${formatPlatform(compatible.platform)}, which runs there.`;
    return { ...compatible, available, note };
  }
  const list = available.length ? available.map(formatPlatform).join(", ") : "none";
  throw new BasescopeError(
    "PlatformNotFound",
    `${what} has no image for ${formatPlatform(wanted)}. Available platforms: ${list}.`,
  );
}
