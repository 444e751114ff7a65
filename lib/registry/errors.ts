import { BasescopeError } from "../errors";

/**
 * Turns a registry's non-2xx answer into a typed error whose message names the registry and the image and
 * says what to do. Registry-provided text is shortened and stripped of control characters.
 */
export type ErrorContext = {
  registry: string;
  /** What was asked for, e.g. "docker.io/library/alpine:3.22" or "layer sha256:…". */
  what: string;
  /** Whether credentials from the Docker config were sent. */
  usedCredentials?: boolean;
};

type RegistryErrorBody = { errors?: { code?: string; message?: string }[] };

function clean(text: string): string {
  const flat = text.replace(/[\u0000-\u001f\u007f]+/g, " ").trim();
  return flat.length > 200 ? `${flat.slice(0, 200)}…` : flat;
}

function parseBody(body: string): { codes: string[]; message?: string } {
  try {
    const parsed = JSON.parse(body) as RegistryErrorBody;
    const errors = Array.isArray(parsed.errors) ? parsed.errors : [];
    const message = errors.map((e) => e.message).find((m) => typeof m === "string" && m);
    return {
      codes: errors.map((e) => String(e.code ?? "").toUpperCase()),
      message: message ? clean(message) : undefined,
    };
  } catch {
    return { codes: [] };
  }
}

/** Retry-After is either seconds or an HTTP date. */
export function parseRetryAfter(value: string | null, now = Date.now()): number | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed);
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? undefined : Math.max(0, Math.ceil((date - now) / 1000));
}

/** Docker Hub's "ratelimit-remaining: 20;w=21600" as a sentence for the result's notes. */
export function rateLimitNote(headers: Headers): string | undefined {
  const remaining = headers.get("ratelimit-remaining");
  if (!remaining) return undefined;
  const [left, window] = remaining.split(";");
  const limit = headers.get("ratelimit-limit")?.split(";")[0];
  const seconds = /w=(\d+)/.exec(window ?? "")?.[1];
  const per = seconds ? ` per ${Math.round(Number(seconds) / 3600)} h` : "";
  return `Registry pull allowance: ${clean(left)}${limit ? ` of ${clean(limit)}` : ""} pulls left${per}.`;
}

export function responseError(
  status: number,
  headers: Headers,
  body: string,
  ctx: ErrorContext,
): BasescopeError {
  const { codes, message } = parseBody(body);
  const said = message ? ` (registry said: ${message})` : "";
  const { registry, what } = ctx;
  if (status === 429 || codes.includes("TOOMANYREQUESTS")) {
    const retryAfterSeconds = parseRetryAfter(headers.get("retry-after"));
    const wait =
      retryAfterSeconds !== undefined ? ` Try again in ${retryAfterSeconds} s.` : " Try again later.";
    const note = rateLimitNote(headers);
    return new BasescopeError(
      "RateLimited",
      `Registry ${registry} is limiting requests and refused ${what}.${wait}${note ? ` ${note}` : ""}`,
      { retryAfterSeconds },
    );
  }
  if (status === 403 || codes.includes("DENIED")) {
    return new BasescopeError(
      "AuthDenied",
      `Registry ${registry} denied access to ${what}${ctx.usedCredentials ? " for the credentials in your Docker config" : ""}${said}.`,
    );
  }
  if (status === 401 || codes.includes("UNAUTHORIZED")) {
    const hint = ctx.usedCredentials
      ? `the credentials in your Docker config for ${registry} were not accepted; log in again with "docker login ${registry}"`
      : `it needs you to log in ("docker login ${registry}"), or the repository does not exist`;
    return new BasescopeError("AuthRequired", `Registry ${registry} refused ${what}: ${hint}${said}.`);
  }
  if (
    status === 404 ||
    codes.some((c) => c === "MANIFEST_UNKNOWN" || c === "NAME_UNKNOWN" || c === "BLOB_UNKNOWN")
  ) {
    const why = codes.includes("NAME_UNKNOWN")
      ? "the repository does not exist"
      : codes.includes("BLOB_UNKNOWN")
        ? "the blob does not exist"
        : "no such tag or digest";
    return new BasescopeError("ImageNotFound", `${what} was not found on registry ${registry}: ${why}.`);
  }
  if (status >= 500) {
    return new BasescopeError(
      "RegistryError",
      `Registry ${registry} had a server error (HTTP ${status}) answering ${what}${said}; this is usually temporary.`,
    );
  }
  return new BasescopeError(
    "RegistryError",
    `Registry ${registry} answered HTTP ${status} for ${what}${said}.`,
    { transient: false },
  );
}
