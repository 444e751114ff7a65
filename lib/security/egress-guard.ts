import { lookup } from "node:dns/promises";
import type { LookupAddress, LookupAllOptions, LookupOneOptions } from "node:dns";
import { isIP } from "node:net";
import { Agent, type Dispatcher } from "undici";
import { BasescopeError } from "../errors";
import { networkError } from "../registry/http";
import { isNonPublicAddress } from "./ip-ranges";

/**
 * The server-side request forgery guard: before the server fetches a URL on a user's behalf (a registry, a
 * token realm, each redirect to blob storage), its host must resolve only to public addresses, unless an
 * operator listed that exact host[:port]. Every address a name resolves to is checked, so a name with one
 * public and one private record is refused too.
 *
 * The check runs twice. `check` refuses a URL before anything is sent, with a message that says how to allow
 * it. `dispatcher` is the HTTP agent the guarded requests go through: it resolves each name itself, checks
 * the answer again and connects only to the addresses it checked. Without it the HTTP client would resolve
 * the name a second time, and a name that answers with a public address to the check and a private one to
 * the connection (DNS rebinding) would reach the private one.
 */
export type LookupAll = (hostname: string) => Promise<string[]>;

export type EgressGuardOptions = {
  /** host[:port] entries contacted whatever they resolve to (ALLOWED_REGISTRIES). */
  allowed: string[];
  /** Name resolution; default the system resolver (getaddrinfo, so /etc/hosts counts). */
  lookupAll?: LookupAll;
};

export type EgressGuard = {
  /** Checks one URL before it is fetched; `registry` names the registry in error messages. */
  check: (url: URL, registry: string) => Promise<void>;
  /** Connects guarded requests only to the addresses their check allowed. */
  dispatcher: Dispatcher;
};

const systemLookup: LookupAll = async (hostname) =>
  (await lookup(hostname, { all: true, verbatim: true })).map((a) => a.address);

/** "HOST:443" and "host" for https are the same listing; the URL parser already drops default ports. */
function normalise(hostPort: string): string {
  try {
    return new URL(`http://${hostPort}`).host;
  } catch {
    return hostPort.toLowerCase();
  }
}

const bare = (hostname: string) => hostname.replace(/^\[|\]$/g, "").replace(/\.$/, "");

/** `registry` is unknown (undefined) at connection time, where only the host name is known, not its port. */
function refused(host: string, registry?: string): BasescopeError {
  const listing = registry ? `"${host}"` : `its host:port`;
  return new BasescopeError(
    "NotAllowed",
    `basescope will not contact ${host}${registry ? ` for registry ${registry}` : ""}: it is a private, ` +
      `loopback or link-local address. An operator can allow it by listing ${listing} in ALLOWED_REGISTRIES.`,
  );
}

type LookupCallback = (err: Error | null, address: string | LookupAddress[], family?: number) => void;

export function createEgressGuard(opts: EgressGuardOptions): EgressGuard {
  const allowed = new Set(opts.allowed.map(normalise));
  // The connection's lookup sees a host name without its port: a listed host:port lets its name through
  // here, and `check` (which sees the port) has already refused other ports of that name.
  const allowedNames = new Set([...allowed].map((h) => bare(new URL(`http://${h}`).hostname)));
  const lookupAll = opts.lookupAll ?? systemLookup;

  const check = async (url: URL, registry: string) => {
    if (allowed.has(url.host)) return;
    const hostname = bare(url.hostname);
    let addresses: string[];
    if (isIP(hostname)) addresses = [hostname];
    else {
      try {
        addresses = await lookupAll(hostname);
      } catch (e) {
        throw networkError(registry, e);
      }
      if (addresses.length === 0)
        throw networkError(registry, Object.assign(new Error(), { code: "ENOTFOUND" }));
    }
    if (addresses.some(isNonPublicAddress)) throw refused(url.host, registry);
  };

  /** Resolves once and refuses non-public answers: the addresses a guarded connection may use. */
  const pinned = async (name: string, family: number): Promise<LookupAddress[]> => {
    const addresses = await lookupAll(name);
    if (!allowedNames.has(name) && addresses.some(isNonPublicAddress)) throw refused(name);
    const usable = addresses
      .map((address) => ({ address, family: isIP(address) }))
      .filter((a) => family === 0 || a.family === family);
    if (usable.length === 0)
      throw Object.assign(new Error(`${name} has no usable address`), { code: "ENOTFOUND" });
    return usable;
  };

  /** net.connect's lookup: hands the connection exactly the addresses `pinned` checked. */
  const pinnedLookup = (
    hostname: string,
    options: LookupOneOptions | LookupAllOptions,
    callback: LookupCallback,
  ) => {
    const family = options.family === 4 || options.family === 6 ? options.family : 0;
    pinned(bare(hostname), family).then(
      (usable) =>
        options.all ? callback(null, usable) : callback(null, usable[0].address, usable[0].family),
      (e: unknown) => callback(e instanceof Error ? e : new Error(String(e)), ""),
    );
  };

  return { check, dispatcher: new Agent({ connect: { lookup: pinnedLookup } }) };
}
