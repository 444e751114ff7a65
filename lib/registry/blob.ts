import type { Readable } from "node:stream";
import { BasescopeError } from "../errors";
import type { RegistryClient } from "./client";
import { digestOf, readLimited, verifiedBody } from "./verify-stream";

/** Blob downloads: layers stream through a verifier; configs are small and read whole under a size cap. */
export const CONFIG_LIMIT = 8 << 20;

export type BlobOptions = { signal?: AbortSignal; idleTimeoutMs?: number; onBytes?: (n: number) => void };

export async function openBlob(
  client: RegistryClient,
  desc: { digest: string; size?: number },
  what: string,
  opts: BlobOptions = {},
): Promise<Readable> {
  const { response, abort } = await client.request("GET", `blobs/${desc.digest}`, {
    what,
    signal: opts.signal,
  });
  if (!response.body)
    throw new BasescopeError("RegistryError", `Registry ${client.registry} sent no data for ${what}.`);
  return verifiedBody(response.body, abort, {
    digest: desc.digest,
    size: desc.size,
    registry: client.registry,
    what,
    idleTimeoutMs: opts.idleTimeoutMs ?? client.idleTimeoutMs,
    onBytes: opts.onBytes,
  });
}

export async function readSmallBlob(
  client: RegistryClient,
  desc: { digest: string; size?: number },
  limit: number,
  what: string,
  opts: BlobOptions = {},
): Promise<Buffer> {
  if (desc.size !== undefined && desc.size > limit) {
    throw new BasescopeError(
      "LimitExceeded",
      `${what} is ${desc.size} bytes, more than the ${limit / (1 << 20)} MiB basescope accepts.`,
    );
  }
  const { response, abort } = await client.request("GET", `blobs/${desc.digest}`, {
    what,
    signal: opts.signal,
  });
  const raw = await readLimited(response, limit, abort, {
    registry: client.registry,
    what,
    idleTimeoutMs: opts.idleTimeoutMs ?? client.idleTimeoutMs,
  });
  const actual = digestOf(raw, desc.digest);
  if (actual !== desc.digest) {
    throw new BasescopeError(
      "DigestMismatch",
      `${what} does not match its digest: expected ${desc.digest}, got ${actual}.`,
    );
  }
  return raw;
}
