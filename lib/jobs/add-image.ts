import "server-only";
import { z } from "zod";
import { familyOf, labelsOf } from "../analysis/family";
import { env } from "../config/env";
import { enqueueRun } from "../db/runs";
import { BasescopeError } from "../errors";
import { DEFAULT_PLATFORM, formatPlatform, parsePlatform, parseReference } from "../reference";
import { takeRateToken } from "../db/rate-buckets";

/** What a person or a script sends to benchmark an image; shared by the JSON API and the form's action. */
export const AddImageSchema = z.object({
  reference: z.string().trim().min(1, "Enter an image reference, such as alpine:3.22").max(1024),
  platform: z.string().trim().max(64).optional(),
  source: z.enum(["registry", "docker"]).default("registry"),
});
export type AddImageInput = z.input<typeof AddImageSchema>;

/** Only registries on the allow-list are contacted; a loopback registry only when listed explicitly. */
export function assertRegistryAllowed(registry: string): void {
  const allowed = env().ALLOWED_REGISTRIES;
  if (!allowed.includes(registry)) {
    throw new BasescopeError(
      "NotAllowed",
      `Images from ${registry} are not allowed on this server (allowed: ${allowed.join(", ")}).`,
    );
  }
}

function minutes(ms: number): string {
  const m = ms / 60_000;
  return m === 1 ? "minute" : Number.isInteger(m) ? `${m} minutes` : `${ms / 1000} seconds`;
}

/** Every attempt from a person or script costs one token, so typos and refusals cannot be used to probe freely. */
async function takeAddToken(client: string): Promise<void> {
  const limit = env().ADD_RATE_LIMIT;
  if (!limit) return;
  const taken = await takeRateToken(`add:${client}`, limit);
  if (taken.ok) return;
  const wait = taken.retryAfterSeconds;
  throw new BasescopeError(
    "RateLimited",
    `Too many images added: at most ${limit.count} per ${minutes(limit.windowMs)} from one client. ` +
      `Try again in ${wait < 120 ? `${wait} seconds` : `${Math.ceil(wait / 60)} minutes`}.`,
    { retryAfterSeconds: wait, transient: false },
  );
}

/** `client` (see clientKey) is set for requests from people and scripts; internal callers leave it out. */
export async function addImage(input: AddImageInput, opts: { client?: string } = {}) {
  if (opts.client !== undefined) await takeAddToken(opts.client);
  const parsed = AddImageSchema.parse(input);
  const ref = parseReference(parsed.reference);
  // The Docker source pulls through the engine from the same registry, so the same list applies.
  assertRegistryAllowed(ref.registry);
  const platform = formatPlatform(parsed.platform ? parsePlatform(parsed.platform) : DEFAULT_PLATFORM);
  const reference = ref.toString();
  return enqueueRun({
    reference,
    platform,
    source: parsed.source,
    family: familyOf(reference),
    labels: labelsOf(reference),
  });
}
