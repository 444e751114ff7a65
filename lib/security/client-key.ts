import { createHash } from "node:crypto";

/**
 * Who is asking, for per-client limits: the TCP peer that scripts/start.mjs records (a client cannot set
 * that header: the server replaces it), else a digest of the bearer token (never the token itself, which
 * would then sit in memory as a map key), else one shared key for the development server.
 */
export function clientKey(headers: Headers): string {
  const peer = headers.get("x-basescope-peer");
  if (peer) return `peer:${peer.replace(/^::ffff:/, "")}`;
  const auth = headers.get("authorization");
  if (auth) return `token:${createHash("sha256").update(auth).digest("hex").slice(0, 32)}`;
  return "local";
}
