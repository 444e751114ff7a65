/**
 * Errors are values with a kind that the CLI, the API and the UI map to exit codes, HTTP statuses and
 * plain-language messages. `transient` tells the job queue whether a retry can help.
 */
export type ErrorKind =
  | "InvalidReference"
  | "InvalidInput"
  | "ImageNotFound"
  | "PlatformNotFound"
  | "AuthRequired"
  | "AuthDenied"
  | "RateLimited"
  | "RegistryUnreachable"
  | "RegistryError"
  | "DaemonUnavailable"
  | "UnsupportedMediaType"
  | "DigestMismatch"
  | "CorruptLayer"
  | "LimitExceeded"
  | "NotAllowed"
  | "StorageFull"
  | "Cancelled"
  | "Internal";

const TRANSIENT: ReadonlySet<ErrorKind> = new Set([
  "RateLimited",
  "RegistryUnreachable",
  "RegistryError",
  "DaemonUnavailable",
]);

export class BasescopeError extends Error {
  readonly kind: ErrorKind;
  readonly transient: boolean;
  /** Seconds the caller should wait before retrying (from Retry-After), when known. */
  readonly retryAfterSeconds?: number;

  constructor(
    kind: ErrorKind,
    message: string,
    opts: { cause?: unknown; retryAfterSeconds?: number; transient?: boolean } = {},
  ) {
    super(message, { cause: opts.cause });
    this.name = kind;
    this.kind = kind;
    this.transient = opts.transient ?? TRANSIENT.has(kind);
    this.retryAfterSeconds = opts.retryAfterSeconds;
  }
}

export function isBasescopeError(e: unknown): e is BasescopeError {
  return e instanceof BasescopeError;
}

/** Wraps anything thrown into a BasescopeError, keeping typed errors as they are. */
export function toBasescopeError(e: unknown): BasescopeError {
  if (isBasescopeError(e)) return e;
  if (e instanceof Error && e.name === "AbortError")
    return new BasescopeError("Cancelled", "The run was cancelled.", { cause: e });
  const message = e instanceof Error ? e.message : String(e);
  return new BasescopeError("Internal", `Unexpected error: ${message}`, { cause: e });
}

/** CLI exit codes, as documented: 2 usage, 3 not found, 4 auth, 5 unreachable, 1 anything else. */
export function exitCodeFor(kind: ErrorKind): number {
  switch (kind) {
    case "InvalidReference":
    case "InvalidInput":
      return 2;
    case "ImageNotFound":
    case "PlatformNotFound":
      return 3;
    case "AuthRequired":
    case "AuthDenied":
    case "NotAllowed":
      return 4;
    case "RegistryUnreachable":
    case "DaemonUnavailable":
      return 5;
    default:
      return 1;
  }
}
