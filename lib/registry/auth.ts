import { createHash } from "node:crypto";
import { BasescopeError } from "../errors";
import type { Challenge } from "./challenge";
import type { Credentials } from "./credentials";
import { responseError } from "./errors";
import { send, type HttpOptions } from "./http";

/**
 * Answers a registry's challenge: Bearer tokens from the realm (anonymous, Basic-authenticated, or an
 * identity token exchanged by OAuth2 refresh), or Basic auth directly. Tokens are cached per realm,
 * service, scope and credential until they expire, so a run asks the token server once per repository.
 */
type CachedToken = { value: string; expiresAt: number };

const TOKEN_CACHE_MAX = 256;
const tokenCache = new Map<string, CachedToken>();
/** Seconds before expiry at which a cached token is no longer handed out (it may expire in flight). */
const EXPIRY_MARGIN_S = 10;

function credentialId(creds: Credentials | undefined): string {
  if (!creds) return "anonymous";
  // A one-way digest keeps secrets out of the cache key's readable form.
  return createHash("sha256").update(JSON.stringify(creds)).digest("hex").slice(0, 16);
}

function basicHeader(creds: { username: string; password: string }): string {
  return `Basic ${Buffer.from(`${creds.username}:${creds.password}`).toString("base64")}`;
}

export type AuthContext = {
  registry: string;
  scope: string;
  credentials: Credentials | undefined;
  http: HttpOptions;
  signal?: AbortSignal;
  /** Skip the token cache: the registry just refused the cached token. */
  fresh?: boolean;
};

async function requestToken(
  realm: string,
  service: string | undefined,
  ctx: AuthContext,
): Promise<CachedToken> {
  let url: URL;
  try {
    url = new URL(realm);
    if (url.protocol !== "https:" && url.protocol !== "http:") throw new Error("not http");
  } catch {
    throw new BasescopeError("RegistryError", `Registry ${ctx.registry} sent an unusable token realm.`, {
      transient: false,
    });
  }
  const creds = ctx.credentials;
  const headers: Record<string, string> = { Accept: "application/json" };
  let method = "GET";
  let body: string | undefined;
  if (creds && "identityToken" in creds) {
    method = "POST";
    headers["Content-Type"] = "application/x-www-form-urlencoded";
    const form = new URLSearchParams({
      grant_type: "refresh_token",
      refresh_token: creds.identityToken,
      client_id: "basescope",
      scope: ctx.scope,
    });
    if (service) form.set("service", service);
    body = form.toString();
  } else {
    if (service) url.searchParams.set("service", service);
    url.searchParams.set("scope", ctx.scope);
    if (creds) headers.Authorization = basicHeader(creds);
  }
  const { response } = await send(
    url.toString(),
    { method, headers, body, signal: ctx.signal },
    ctx.registry,
    ctx.http,
  );
  const text = await response.text();
  if (!response.ok) {
    throw responseError(response.status, response.headers, text, {
      registry: ctx.registry,
      what: `a token for ${ctx.scope}`,
      usedCredentials: !!creds,
    });
  }
  let parsed: { token?: string; access_token?: string; expires_in?: number; issued_at?: string };
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new BasescopeError(
      "RegistryError",
      `The token server of registry ${ctx.registry} answered something that is not JSON.`,
    );
  }
  const value = parsed.token || parsed.access_token;
  if (!value)
    throw new BasescopeError(
      "RegistryError",
      `The token server of registry ${ctx.registry} answered without a token.`,
    );
  const expiresIn = typeof parsed.expires_in === "number" && parsed.expires_in > 0 ? parsed.expires_in : 60;
  const issued = parsed.issued_at ? Date.parse(parsed.issued_at) : NaN;
  const start = Number.isNaN(issued) ? Date.now() : Math.min(issued, Date.now());
  return { value, expiresAt: start + Math.max(expiresIn - EXPIRY_MARGIN_S, 1) * 1000 };
}

async function bearer(challenge: Challenge, ctx: AuthContext): Promise<string> {
  const realm = challenge.params.realm;
  if (!realm)
    throw new BasescopeError(
      "RegistryError",
      `Registry ${ctx.registry} asked for a token without saying where to get it.`,
    );
  const service = challenge.params.service;
  const key = [realm, service ?? "", ctx.scope, credentialId(ctx.credentials)].join("\u0000");
  const cached = tokenCache.get(key);
  if (cached && cached.expiresAt > Date.now() && !ctx.fresh) return `Bearer ${cached.value}`;
  const token = await requestToken(realm, service, ctx);
  tokenCache.delete(key);
  tokenCache.set(key, token);
  if (tokenCache.size > TOKEN_CACHE_MAX) tokenCache.delete(tokenCache.keys().next().value as string);
  return `Bearer ${token.value}`;
}

/** The Authorization header answering one of the challenges, or an AuthRequired error saying why not. */
export async function authorize(challenges: Challenge[], ctx: AuthContext): Promise<string> {
  const bearerChallenge = challenges.find((c) => c.scheme === "bearer");
  if (bearerChallenge) return bearer(bearerChallenge, ctx);
  const basicChallenge = challenges.find((c) => c.scheme === "basic");
  const creds = ctx.credentials;
  if (basicChallenge && creds && "username" in creds && "password" in creds) return basicHeader(creds);
  if (basicChallenge) {
    throw new BasescopeError(
      "AuthRequired",
      `Registry ${ctx.registry} needs a user name and password: log in with "docker login ${ctx.registry}".`,
    );
  }
  throw new BasescopeError(
    "AuthRequired",
    `Registry ${ctx.registry} asks for a kind of authentication basescope does not support.`,
  );
}

/** For tests: forget cached tokens. */
export function clearTokenCache(): void {
  tokenCache.clear();
}
