import { BasescopeError, type ErrorKind } from "../errors";

/** What dockerode rejects with: docker-modem sets statusCode and the parsed JSON body. */
type ModemError = Error & {
  statusCode?: number;
  code?: string;
  json?: { message?: string } | string | null;
  reason?: string;
};

const CONNECTION_CODES = new Set([
  "ECONNREFUSED",
  "ENOENT",
  "EACCES",
  "ECONNRESET",
  "EPIPE",
  "ETIMEDOUT",
  "EHOSTUNREACH",
  "ENOTFOUND",
  "EAI_AGAIN",
]);

export function engineMessage(e: unknown): string {
  const err = e as ModemError;
  if (err?.json && typeof err.json === "object" && err.json.message) return err.json.message;
  if (typeof err?.json === "string" && err.json.trim()) return err.json.trim();
  const message = err instanceof Error ? err.message : String(e);
  // docker-modem prefixes what the engine said with "(HTTP code 404) unexpected - ".
  return message.replace(/^\(HTTP code \d+\) [^-]*- /, "").trim();
}

export function isEngineNotFound(e: unknown): boolean {
  return (e as ModemError)?.statusCode === 404;
}

/** The engine did not answer at all (as opposed to answering with an error). */
export function isConnectionError(e: unknown): boolean {
  const err = e as ModemError;
  return (err?.code !== undefined && CONNECTION_CODES.has(err.code)) || err?.name === "TimeoutError";
}

export function daemonUnavailable(label: string, e: unknown): BasescopeError {
  return new BasescopeError(
    "DaemonUnavailable",
    `cannot reach the Docker engine at ${label}: ${engineMessage(e)}`,
    { cause: e },
  );
}

/** Engine failures that are not about the image: an unreachable socket, or an error the engine answered. */
export function engineError(label: string, e: unknown): BasescopeError {
  if (e instanceof BasescopeError) return e;
  if ((e as Error)?.name === "AbortError")
    return new BasescopeError("Cancelled", "The run was cancelled.", { cause: e });
  if (isConnectionError(e)) return daemonUnavailable(label, e);
  return new BasescopeError(
    "Internal",
    `The Docker engine at ${label} answered with an error: ${engineMessage(e)}`,
    { cause: e },
  );
}

// Order matters: Docker Hub says "repository does not exist ... denied" for images that simply do not exist.
const PULL_ERRORS: [RegExp, ErrorKind][] = [
  [/no matching manifest|does not match the specified platform|no match for platform/i, "PlatformNotFound"],
  [/toomanyrequests|rate limit/i, "RateLimited"],
  [/invalid reference format/i, "InvalidReference"],
  [/manifest unknown|not found|does not exist|name unknown|no such image/i, "ImageNotFound"],
  [/unauthorized|authentication required|no basic auth credentials/i, "AuthRequired"],
  [/denied|forbidden/i, "AuthDenied"],
  [
    /connection refused|no such host|i\/o timeout|dial tcp|network is unreachable|tls handshake|deadline exceeded|server gave http response/i,
    "RegistryUnreachable",
  ],
];

/** Maps what the engine says about a failed pull (an error event or an HTTP error) to a typed error. */
export function pullError(reference: string, e: unknown): BasescopeError {
  if (e instanceof BasescopeError) return e;
  if ((e as Error)?.name === "AbortError")
    return new BasescopeError("Cancelled", "The run was cancelled.", { cause: e });
  const message = engineMessage(e);
  const kind = PULL_ERRORS.find(([re]) => re.test(message))?.[1] ?? "RegistryError";
  return new BasescopeError(kind, `Pulling ${reference} failed: ${message}`, { cause: e });
}
