import { BasescopeError } from "../errors";
import { isValidDigest } from "../reference";
import type { RegistryClient } from "./client";
import { digestOf, readLimited } from "./verify-stream";

/**
 * Fetching manifests: the four-type Accept header, the type taken from Content-Type, the digest checked over
 * the raw bytes, and a small cache by digest so a HEAD that finds a known digest saves the GET (on Docker Hub
 * a GET counts as a pull, a HEAD does not).
 */
export const MEDIA = {
  ociIndex: "application/vnd.oci.image.index.v1+json",
  dockerList: "application/vnd.docker.distribution.manifest.list.v2+json",
  ociManifest: "application/vnd.oci.image.manifest.v1+json",
  dockerManifest: "application/vnd.docker.distribution.manifest.v2+json",
} as const;

export const MANIFEST_ACCEPT = [
  MEDIA.ociIndex,
  MEDIA.dockerList,
  MEDIA.ociManifest,
  MEDIA.dockerManifest,
].join(", ");
export const MANIFEST_LIMIT = 4 << 20;

const SCHEMA1 = new Set([
  "application/vnd.docker.distribution.manifest.v1+json",
  "application/vnd.docker.distribution.manifest.v1+prettyjws",
]);
const INDEX_TYPES = new Set<string>([MEDIA.ociIndex, MEDIA.dockerList]);
const MANIFEST_TYPES = new Set<string>([MEDIA.ociManifest, MEDIA.dockerManifest]);

export type Descriptor = {
  mediaType: string;
  digest: string;
  size: number;
  urls?: string[];
  annotations?: Record<string, string>;
  platform?: { os?: string; architecture?: string; variant?: string; "os.version"?: string };
};

export type FetchedManifest =
  | { kind: "index"; mediaType: string; digest: string; manifests: Descriptor[]; raw: Buffer }
  | {
      kind: "manifest";
      mediaType: string;
      digest: string;
      config: Descriptor;
      layers: Descriptor[];
      raw: Buffer;
    };

const CACHE_MAX = 128;
const cache = new Map<string, { mediaType: string; raw: Buffer }>();

function remember(key: string, value: { mediaType: string; raw: Buffer }) {
  cache.delete(key);
  cache.set(key, value);
  if (cache.size > CACHE_MAX) cache.delete(cache.keys().next().value as string);
}

function unsupported(what: string, type: string): BasescopeError {
  if (SCHEMA1.has(type) || type === "schema1") {
    return new BasescopeError(
      "UnsupportedMediaType",
      `${what} uses the old Docker schema 1 manifest format, which basescope does not read; push it again with a current Docker or use a newer tag.`,
    );
  }
  return new BasescopeError(
    "UnsupportedMediaType",
    `${what} has a manifest of type "${type.slice(0, 100)}", which is not an image.`,
  );
}

/** Digests go into URLs and sizes into arithmetic: a manifest gets no say beyond well-formed values. */
function checkDescriptors(list: Descriptor[], what: string): Descriptor[] {
  for (const d of list) {
    const sizeOk = d && (d.size === undefined || (Number.isSafeInteger(d.size) && d.size >= 0));
    if (!d || typeof d.digest !== "string" || !isValidDigest(d.digest) || !sizeOk) {
      throw new BasescopeError("RegistryError", `The manifest of ${what} has a malformed descriptor.`, {
        transient: false,
      });
    }
  }
  return list;
}

/** Content-Type decides; a generic or missing one falls back to the document's own fields. */
export function parseManifest(
  raw: Buffer,
  contentType: string | null,
  digest: string,
  what: string,
): FetchedManifest {
  const header = (contentType ?? "").split(";")[0].trim().toLowerCase();
  if (SCHEMA1.has(header)) throw unsupported(what, header);
  let doc: {
    schemaVersion?: number;
    mediaType?: string;
    manifests?: Descriptor[];
    config?: Descriptor;
    layers?: Descriptor[];
  };
  try {
    doc = JSON.parse(raw.toString("utf8"));
  } catch {
    throw new BasescopeError("RegistryError", `The manifest of ${what} is not valid JSON.`, {
      transient: false,
    });
  }
  if (typeof doc !== "object" || doc === null)
    throw new BasescopeError("RegistryError", `The manifest of ${what} is not a JSON object.`, {
      transient: false,
    });
  let type = header;
  if (!INDEX_TYPES.has(type) && !MANIFEST_TYPES.has(type)) {
    if (doc.schemaVersion === 1) throw unsupported(what, "schema1");
    type =
      doc.mediaType ??
      (Array.isArray(doc.manifests) ? MEDIA.ociIndex : doc.config ? MEDIA.ociManifest : header || "unknown");
  }
  if (INDEX_TYPES.has(type)) {
    if (!Array.isArray(doc.manifests))
      throw new BasescopeError("RegistryError", `The index of ${what} lists no manifests.`, {
        transient: false,
      });
    return { kind: "index", mediaType: type, digest, manifests: checkDescriptors(doc.manifests, what), raw };
  }
  if (MANIFEST_TYPES.has(type)) {
    if (!doc.config?.digest || !Array.isArray(doc.layers))
      throw new BasescopeError("RegistryError", `The manifest of ${what} has no config or layers.`, {
        transient: false,
      });
    const [config, ...layers] = checkDescriptors([doc.config, ...doc.layers], what);
    return { kind: "manifest", mediaType: type, digest, config, layers, raw };
  }
  throw unsupported(what, type);
}

/** The manifest digest by HEAD (no pull counted), or undefined when the registry does not say. */
export async function headDigest(
  client: RegistryClient,
  reference: string,
  what: string,
  signal?: AbortSignal,
): Promise<string | undefined> {
  const { response } = await client.request("HEAD", `manifests/${reference}`, {
    accept: MANIFEST_ACCEPT,
    what,
    signal,
  });
  return response.headers.get("docker-content-digest") ?? undefined;
}

/** GETs a manifest by tag or digest (or takes it from the cache), verifying the digest over the raw bytes. */
export async function getManifest(
  client: RegistryClient,
  reference: string,
  what: string,
  opts: { signal?: AbortSignal; idleTimeoutMs?: number } = {},
): Promise<FetchedManifest & { headers?: Headers }> {
  const byDigest = reference.includes(":");
  const key = `${client.registry}/${client.repository}@${reference}`;
  const cached = byDigest ? cache.get(key) : undefined;
  if (cached) return parseManifest(cached.raw, cached.mediaType, reference, what);

  const { response, abort } = await client.request("GET", `manifests/${reference}`, {
    accept: MANIFEST_ACCEPT,
    what,
    signal: opts.signal,
  });
  const raw = await readLimited(response, MANIFEST_LIMIT, abort, {
    registry: client.registry,
    what: `the manifest of ${what}`,
    idleTimeoutMs: opts.idleTimeoutMs ?? client.idleTimeoutMs,
  });
  const claimed = byDigest ? reference : response.headers.get("docker-content-digest");
  const digest = digestOf(raw, claimed ?? "sha256:");
  if (claimed && digest !== claimed) {
    throw new BasescopeError(
      "DigestMismatch",
      `The manifest of ${what} does not match its digest: expected ${claimed}, got ${digest}.`,
    );
  }
  const contentType = response.headers.get("content-type");
  const manifest = parseManifest(raw, contentType, digest, what);
  remember(`${client.registry}/${client.repository}@${digest}`, { mediaType: manifest.mediaType, raw });
  return { ...manifest, headers: response.headers };
}

export function isCachedManifest(client: RegistryClient, digest: string): boolean {
  return cache.has(`${client.registry}/${client.repository}@${digest}`);
}
