import type Docker from "dockerode";
import type { HistoryEntry, ImageConfig, Platform } from "../analysis/types";
import { normalizePlatform, parseReference } from "../reference";
import { engineError, isEngineNotFound } from "./engine-errors";

/** `docker image inspect`, or undefined when the engine does not have the image. */
export async function inspectImage(
  docker: Docker,
  reference: string,
  label: string,
): Promise<Docker.ImageInspectInfo | undefined> {
  try {
    return await docker.getImage(reference).inspect();
  } catch (e) {
    if (isEngineNotFound(e)) return undefined;
    throw engineError(label, e);
  }
}

export function inspectPlatform(info: Docker.ImageInspectInfo): Platform {
  const variant = (info as { Variant?: string }).Variant;
  return normalizePlatform({ os: info.Os, architecture: info.Architecture, variant });
}

/** Image IDs (full or short, with or without "sha256:") name a local image and cannot be pulled. */
export function isImageId(reference: string): boolean {
  return /^(sha256:)?[a-f0-9]{12,64}$/.test(reference);
}

function repositoryOf(reference: string): string | undefined {
  try {
    const ref = parseReference(reference);
    return `${ref.registry}/${ref.repository}`;
  } catch {
    return undefined;
  }
}

/** The RepoDigest of the repository the user named, else the first one the engine knows. */
export function pickRepoDigest(repoDigests: string[] | undefined, reference: string): string | undefined {
  if (!repoDigests?.length) return undefined;
  const wanted = repositoryOf(reference);
  return repoDigests.find((d) => wanted && repositoryOf(d) === wanted) ?? repoDigests[0];
}

export function displayReference(reference: string): string {
  if (isImageId(reference)) return reference;
  try {
    return parseReference(reference).toString();
  } catch {
    return reference;
  }
}

type HistoryRow = { Created?: number; CreatedBy?: string; Size?: number; Comment?: string };

/**
 * History from the engine's history API, oldest first. Only used when the config has none: the API has no
 * empty_layer flag, so it is guessed from a size of 0 (a layer that adds nothing looks the same).
 */
export function historyFromEngine(rows: HistoryRow[]): HistoryEntry[] {
  return [...rows].reverse().map((row) => ({
    created: row.Created ? new Date(row.Created * 1000).toISOString() : undefined,
    created_by: row.CreatedBy || undefined,
    comment: row.Comment || undefined,
    empty_layer: row.Size === 0,
  }));
}

export async function imageHistory(docker: Docker, id: string, label: string): Promise<HistoryRow[]> {
  try {
    return (await docker.getImage(id).history()) as HistoryRow[];
  } catch (e) {
    throw engineError(label, e);
  }
}

export function withHistory(config: ImageConfig, rows: HistoryRow[]): { config: ImageConfig; note?: string } {
  if (config.history?.length) return { config };
  return {
    config: { ...config, history: historyFromEngine(rows) },
    note: "The image config has no history; layer commands come from the engine's history API.",
  };
}
