import { createHash } from "node:crypto";
import { env } from "../config/env";
import { clientOf } from "./client-address";

/**
 * Who is asking, for per-client limits: the client's address (see client-address.ts; behind a proxy not
 * listed in TRUSTED_PROXIES, the proxy's), else a digest of the bearer token (never the token itself, which
 * would then sit in memory as a map key), else one shared key for the development server.
 */
export function clientKey(headers: Headers): string {
  const { address } = clientOf(headers, env().TRUSTED_PROXIES);
  if (address) return `peer:${address}`;
  const auth = headers.get("authorization");
  if (auth) return `token:${createHash("sha256").update(auth).digest("hex").slice(0, 32)}`;
  return "local";
}
