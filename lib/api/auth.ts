import { timingSafeEqual, createHash } from "node:crypto";
import { env } from "../config/env";
import { BasescopeError } from "../errors";
import { clientOf } from "../security/client-address";

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|::1|::ffff:127\.\d+\.\d+\.\d+)$/;

/** Constant-time comparison; hashing first makes the lengths equal so the length doesn't leak either. */
function sameToken(a: string, b: string): boolean {
  return timingSafeEqual(createHash("sha256").update(a).digest(), createHash("sha256").update(b).digest());
}

/**
 * Writes need the admin token when one is configured; without one, only clients on this machine may
 * write (the address comes from the socket, set by scripts/start.mjs, or from a listed proxy).
 */
export function assertCanWrite(headers: Headers): void {
  const token = env().ADMIN_TOKEN;
  if (token) {
    const header = headers.get("authorization") ?? "";
    const given = header.startsWith("Bearer ") ? header.slice(7) : "";
    if (!given || !sameToken(given, token)) {
      throw new BasescopeError(
        "AuthRequired",
        "This action needs the admin token: send Authorization: Bearer <ADMIN_TOKEN>.",
      );
    }
    return;
  }
  const client = clientOf(headers, env().TRUSTED_PROXIES);
  // `next dev` has no custom server to record the peer; the dev server is the developer's own.
  if (client.address === null && process.env.NODE_ENV !== "production") return;
  if (client.viaUntrustedProxy) {
    throw new BasescopeError(
      "AuthRequired",
      "Without ADMIN_TOKEN configured, only clients on this machine may add or change images, and this " +
        "request came through a proxy, so its client is unknown. Set ADMIN_TOKEN, or list the proxy in " +
        "TRUSTED_PROXIES.",
    );
  }
  if (client.address === null || !LOOPBACK.test(client.address)) {
    throw new BasescopeError(
      "AuthRequired",
      "Without ADMIN_TOKEN configured, only clients on this machine may add or change images.",
    );
  }
}
