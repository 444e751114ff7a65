import { env } from "../config/env";
import { createEgressGuard, type EgressGuard } from "./egress-guard";

let guard: EgressGuard | undefined;

/** The guard for analyses the server runs on someone's behalf: only ALLOWED_REGISTRIES may be non-public. */
export function serverEgressGuard(): EgressGuard {
  guard ??= createEgressGuard({ allowed: env().ALLOWED_REGISTRIES });
  return guard;
}
