import { fetch, type Dispatcher } from "undici";
import { BasescopeError } from "../errors";

/**
 * The one place that calls fetch: picks http or https, bounds the wait for response headers, and turns
 * network failures into RegistryUnreachable with words a user understands. Never sees credentials in URLs.
 */
export type HttpOptions = {
  /** Registries spoken to over plain HTTP besides loopback ones (host or host:port). */
  insecureRegistries?: string[];
  /** Give up when no response headers arrive within this time (covers connecting). Default 30 s. */
  connectTimeoutMs?: number;
  /** Give up on a body that sends nothing for this long. Default 60 s. */
  idleTimeoutMs?: number;
  /**
   * The server's request forgery guard (lib/security): `check` runs before every request, redirects and
   * token realms included, and the requests go through its `dispatcher`, which connects only to addresses
   * it checked. The CLI, run by the user for themselves, passes nothing.
   */
  egress?: { check: (url: URL, registry: string) => Promise<void>; dispatcher: Dispatcher };
};

export const DEFAULT_CONNECT_TIMEOUT_MS = 30_000;
export const DEFAULT_IDLE_TIMEOUT_MS = 60_000;

/** Docker Hub's API does not live at docker.io. */
export function apiHost(registry: string): string {
  return registry === "docker.io" ? "registry-1.docker.io" : registry;
}

function hostname(hostPort: string): string {
  if (hostPort.startsWith("[")) return hostPort.slice(1, hostPort.indexOf("]"));
  const colon = hostPort.lastIndexOf(":");
  return colon === -1 ? hostPort : hostPort.slice(0, colon);
}

export function isLoopbackHost(hostPort: string): boolean {
  const host = hostname(hostPort).toLowerCase();
  return host === "localhost" || host === "::1" || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}

export function registryBaseUrl(registry: string, insecureRegistries: string[] = []): string {
  const host = apiHost(registry);
  const insecure = isLoopbackHost(host) || insecureRegistries.some((h) => h === host || h === hostname(host));
  return `${insecure ? "http" : "https"}://${host}`;
}

export type Sent = { response: Response; abort: (reason: unknown) => void };

/** A fetch whose caller can abort it later (idle body timeouts), following no redirects by itself. */
export async function send(
  url: string,
  init: { method: string; headers: Record<string, string>; body?: string; signal?: AbortSignal },
  registry: string,
  opts: HttpOptions = {},
): Promise<Sent> {
  const controller = new AbortController();
  const abort = (reason: unknown) => controller.abort(reason);
  // AbortSignal.any holds the user's signal weakly: no listener piles up on a signal shared by many requests.
  const signal = init.signal ? AbortSignal.any([controller.signal, init.signal]) : controller.signal;
  const timeoutMs = opts.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS;
  const timer = setTimeout(
    () => abort(unreachable(registry, `no answer within ${timeoutMs / 1000} s`)),
    timeoutMs,
  );
  try {
    await opts.egress?.check(new URL(url), registry);
    const response = await fetch(url, {
      method: init.method,
      headers: init.headers,
      body: init.body,
      redirect: "manual",
      signal,
      dispatcher: opts.egress?.dispatcher,
    });
    // undici's own fetch (it takes a dispatcher) returns the same WHATWG Response as the global one; only
    // the declared types differ.
    return { response: response as unknown as Response, abort };
  } catch (e) {
    if (init.signal?.aborted) throw new BasescopeError("Cancelled", "The run was cancelled.", { cause: e });
    if (controller.signal.aborted && controller.signal.reason instanceof BasescopeError)
      throw controller.signal.reason;
    throw networkError(registry, e);
  } finally {
    clearTimeout(timer);
  }
}

export function unreachable(registry: string, why: string, cause?: unknown): BasescopeError {
  return new BasescopeError("RegistryUnreachable", `Cannot reach registry ${registry}: ${why}.`, { cause });
}

const NETWORK_WORDS: Record<string, string> = {
  ECONNREFUSED: "the connection was refused (is it running, and is the port right?)",
  ENOTFOUND: "the host name does not resolve",
  EAI_AGAIN: "the host name could not be resolved right now",
  ECONNRESET: "the connection was reset",
  ETIMEDOUT: "the connection timed out",
  EHOSTUNREACH: "the host is unreachable",
  ENETUNREACH: "the network is unreachable",
  UND_ERR_CONNECT_TIMEOUT: "connecting timed out",
  UND_ERR_HEADERS_TIMEOUT: "it did not answer in time",
  UND_ERR_BODY_TIMEOUT: "it stopped sending data",
  UND_ERR_SOCKET: "the connection closed unexpectedly",
  EPROTO: "the TLS handshake failed (if this registry speaks plain HTTP, add it to the insecure registries)",
  ERR_SSL_WRONG_VERSION_NUMBER:
    "the TLS handshake failed (if this registry speaks plain HTTP, add it to the insecure registries)",
  DEPTH_ZERO_SELF_SIGNED_CERT: "its TLS certificate is self-signed",
  SELF_SIGNED_CERT_IN_CHAIN: "its TLS certificate chain is not trusted",
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: "its TLS certificate cannot be verified",
  CERT_HAS_EXPIRED: "its TLS certificate has expired",
  ERR_TLS_CERT_ALTNAME_INVALID: "its TLS certificate does not match the host name",
};

function errorCode(e: unknown): string | undefined {
  for (let cur: unknown = e, depth = 0; cur && depth < 5; depth++) {
    const code = (cur as { code?: unknown }).code;
    if (typeof code === "string") return code;
    cur = (cur as { cause?: unknown }).cause;
  }
  return undefined;
}

/** Maps what fetch throws (TypeError "fetch failed" with a cause carrying the code) to a typed error. */
export function networkError(registry: string, e: unknown): BasescopeError {
  // A refusal from the egress guard's lookup arrives as the cause of fetch's TypeError.
  for (let cur: unknown = e, depth = 0; cur && depth < 5; depth++) {
    if (cur instanceof BasescopeError) return cur;
    cur = (cur as { cause?: unknown }).cause;
  }
  const code = errorCode(e);
  const words = code
    ? (NETWORK_WORDS[code] ?? `network error ${code}`)
    : e instanceof Error
      ? e.message
      : String(e);
  return unreachable(registry, words, e);
}
