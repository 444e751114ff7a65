import { BasescopeError } from "../errors";

/**
 * Keeps secrets out of error messages, which end up in run records, API answers and logs. A registry or
 * token server may echo what it was sent ("bad password x for user y"); every form of each secret we sent
 * is replaced, as are credentials written into URLs.
 */
const MIN_SECRET_LENGTH = 4;

export function redactText(text: string, secrets: readonly string[]): string {
  let out = text.replace(/(\b[a-z][a-z0-9+.-]*:\/\/)[^/\s:@]+(?::[^/\s@]*)?@/gi, "$1[redacted]@");
  // Longest first, so a secret that contains another is replaced whole.
  for (const s of [...secrets]
    .filter((x) => x.length >= MIN_SECRET_LENGTH)
    .sort((a, b) => b.length - a.length))
    out = out.split(s).join("[redacted]");
  return out;
}

/** The same error with a cleaned message; the cause is dropped, since it may hold the secret too. */
export function redactError(e: unknown, secrets: readonly string[]): unknown {
  if (!(e instanceof BasescopeError)) return e;
  const message = redactText(e.message, secrets);
  if (message === e.message) return e;
  return new BasescopeError(e.kind, message, {
    retryAfterSeconds: e.retryAfterSeconds,
    transient: e.transient,
  });
}
