import { timingSafeEqual, createHash } from "node:crypto";
import { env } from "../config/env";
import { BasescopeError } from "../errors";

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|::1|::ffff:127\.\d+\.\d+\.\d+)$/;

/** Constant-time comparison; hashing first makes the lengths equal so the length doesn't leak either. */
function sameToken(a: string, b: string): boolean {
  return timingSafeEqual(createHash("sha256").update(a).digest(), createHash("sha256").update(b).digest());
}

/**
 * Writes need the admin token when one is configured; without one, only clients on this machine may
 * write (the peer address comes from the socket, set by scripts/start.mjs, never from the client).
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
  const peer = headers.get("x-basescope-peer");
  // `next dev` has no custom server to set the header; the dev server is the developer's own.
  if (peer === null && process.env.NODE_ENV !== "production") return;
  if (peer === null || !LOOPBACK.test(peer)) {
    throw new BasescopeError(
      "AuthRequired",
      "Without ADMIN_TOKEN configured, only clients on this machine may add or change images.",
    );
  }
}
