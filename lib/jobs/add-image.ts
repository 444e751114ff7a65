import "server-only";
import { z } from "zod";
import { familyOf, labelsOf } from "../analysis/family";
import { env } from "../config/env";
import { enqueueRun } from "../db/runs";
import { BasescopeError } from "../errors";
import { DEFAULT_PLATFORM, formatPlatform, parsePlatform, parseReference } from "../reference";

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

export async function addImage(input: AddImageInput) {
  const parsed = AddImageSchema.parse(input);
  const ref = parseReference(parsed.reference);
  if (parsed.source === "registry") assertRegistryAllowed(ref.registry);
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
