import { BasescopeError } from "../errors";
import { redactError } from "../security/redact";
import { authorize } from "./auth";
import { parseWwwAuthenticate, type Challenge } from "./challenge";
import { loadCredentials, type Credentials } from "./credentials";
import { responseError } from "./errors";
import { DEFAULT_IDLE_TIMEOUT_MS, registryBaseUrl, send, type HttpOptions, type Sent } from "./http";

/**
 * A registry client bound to one repository: authenticates on demand (remembering the registry's challenge
 * so later requests skip the 401 round trip), follows redirects by hand so Authorization never leaves the
 * registry's host, and maps failures to typed errors.
 */
export type RegistryOptions = HttpOptions & {
  /** Path to the Docker config.json holding credentials; default $DOCKER_CONFIG or ~/.docker. */
  dockerConfigPath?: string;
};

const MAX_REDIRECTS = 10;
/** Challenges seen per registry base URL, so a new client authenticates before its first request. */
const knownChallenges = new Map<string, Challenge[]>();

export type RequestOptions = { accept?: string; what: string; signal?: AbortSignal };

export class RegistryClient {
  readonly registry: string;
  readonly repository: string;
  /** How long a body may send nothing before the download counts as failed. */
  readonly idleTimeoutMs: number;
  private readonly baseUrl: string;
  private readonly scope: string;
  private credentials: Promise<Credentials | undefined> | undefined;
  private authHeader: string | undefined;

  constructor(
    registry: string,
    repository: string,
    private readonly opts: RegistryOptions = {},
  ) {
    this.registry = registry;
    this.repository = repository;
    this.idleTimeoutMs = opts.idleTimeoutMs ?? DEFAULT_IDLE_TIMEOUT_MS;
    this.baseUrl = registryBaseUrl(registry, opts.insecureRegistries);
    this.scope = `repository:${repository}:pull`;
  }

  private loadCredentials(): Promise<Credentials | undefined> {
    this.credentials ??= loadCredentials(this.registry, { dockerConfigPath: this.opts.dockerConfigPath });
    return this.credentials;
  }

  private async answer(challenges: Challenge[], signal?: AbortSignal, fresh = false): Promise<string> {
    const credentials = await this.loadCredentials();
    return authorize(challenges, {
      registry: this.registry,
      scope: this.scope,
      credentials,
      http: this.opts,
      signal,
      fresh,
    });
  }

  /** GET/HEAD `/v2/<repository>/<path>`, authenticated, redirects followed; throws typed errors on non-2xx. */
  async request(method: "GET" | "HEAD", path: string, ro: RequestOptions): Promise<Sent> {
    try {
      return await this.requestOnce(method, path, ro);
    } catch (e) {
      throw redactError(e, await this.secrets());
    }
  }

  /** Every form of what this client may have sent as a secret, for scrubbing error messages. */
  private async secrets(): Promise<string[]> {
    const creds = await this.loadCredentials().catch(() => undefined);
    const out: string[] = [];
    if (creds && "password" in creds) {
      out.push(creds.password, Buffer.from(`${creds.username}:${creds.password}`).toString("base64"));
    }
    if (creds && "identityToken" in creds) out.push(creds.identityToken);
    if (this.authHeader) out.push(this.authHeader.replace(/^\S+ /, ""));
    return out;
  }

  private async requestOnce(method: "GET" | "HEAD", path: string, ro: RequestOptions): Promise<Sent> {
    const url = `${this.baseUrl}/v2/${this.repository}/${path}`;
    const known = knownChallenges.get(this.baseUrl);
    if (!this.authHeader && known) this.authHeader = await this.answer(known, ro.signal);
    const sentAuth = !!this.authHeader;
    let sent = await this.follow(method, url, ro);
    if (sent.response.status === 401) {
      const challenges = parseWwwAuthenticate(sent.response.headers.get("www-authenticate"));
      await discard(sent.response);
      if (challenges.length === 0)
        throw responseError(401, sent.response.headers, "", { registry: this.registry, what: ro.what });
      knownChallenges.set(this.baseUrl, challenges);
      // A refused header we sent unasked (a cached token) may have expired early: fetch a new one.
      this.authHeader = await this.answer(challenges, ro.signal, sentAuth);
      sent = await this.follow(method, url, ro);
    }
    const { response } = sent;
    if (response.ok) return sent;
    const body = method === "HEAD" ? "" : await readErrorBody(response);
    throw responseError(response.status, response.headers, body, {
      registry: this.registry,
      what: ro.what,
      usedCredentials: !!(await this.loadCredentials()) && !!this.authHeader,
    });
  }

  private async follow(method: string, start: string, ro: RequestOptions): Promise<Sent> {
    let url = new URL(start);
    const origin = url.host;
    for (let hop = 0; ; hop++) {
      const headers: Record<string, string> = {};
      if (ro.accept) headers.Accept = ro.accept;
      // Blob storage behind a redirect (S3, CDNs) must never see the registry's credentials.
      if (this.authHeader && url.host === origin) headers.Authorization = this.authHeader;
      const sent = await send(
        url.toString(),
        { method, headers, signal: ro.signal },
        this.registry,
        this.opts,
      );
      const location = sent.response.headers.get("location");
      if (sent.response.status < 300 || sent.response.status >= 400 || !location) return sent;
      await discard(sent.response);
      if (hop >= MAX_REDIRECTS)
        throw new BasescopeError(
          "RegistryError",
          `Registry ${this.registry} redirected too many times for ${ro.what}.`,
        );
      url = new URL(location, url);
      // Credentials written into a redirect target would only end up in error messages; blob stores
      // authenticate with signed query strings instead.
      url.username = "";
      url.password = "";
      if (url.protocol !== "https:" && url.protocol !== "http:") {
        throw new BasescopeError(
          "RegistryError",
          `Registry ${this.registry} redirected ${ro.what} to an unsupported address.`,
        );
      }
    }
  }
}

async function discard(response: Response): Promise<void> {
  try {
    await response.body?.cancel();
  } catch {
    // Nothing left to free.
  }
}

/** Error bodies are small JSON; read at most 64 KiB of them. */
async function readErrorBody(response: Response): Promise<string> {
  if (!response.body) return "";
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  try {
    while (total < 65_536) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      total += value.byteLength;
    }
  } catch {
    // A broken error body still leaves the status to report.
  } finally {
    reader.cancel().catch(() => undefined);
  }
  return Buffer.concat(chunks).toString("utf8");
}
