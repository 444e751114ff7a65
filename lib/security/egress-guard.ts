import { lookup } from "node:dns/promises";
import { isIP } from "node:net";
import { BasescopeError } from "../errors";
import { networkError } from "../registry/http";
import { isNonPublicAddress } from "./ip-ranges";

/**
 * The server-side request forgery guard: before the server fetches a URL on a user's behalf (a registry, a
 * token realm, each redirect to blob storage), its host must resolve only to public addresses, unless an
 * operator listed that exact host[:port]. Every address a name resolves to is checked, so a name with one
 * public and one private record is refused too.
 */
export type LookupAll = (hostname: string) => Promise<string[]>;

export type EgressGuardOptions = {
  /** host[:port] entries contacted whatever they resolve to (ALLOWED_REGISTRIES). */
  allowed: string[];
  /** Name resolution; default the system resolver (getaddrinfo, so /etc/hosts counts). */
  lookupAll?: LookupAll;
};

/** Checks one URL before it is fetched; `registry` names the registry in error messages. */
export type EgressGuard = (url: URL, registry: string) => Promise<void>;

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

export function createEgressGuard(opts: EgressGuardOptions): EgressGuard {
  const allowed = new Set(opts.allowed.map(normalise));
  const lookupAll = opts.lookupAll ?? systemLookup;
  return async (url, registry) => {
    if (allowed.has(url.host)) return;
    const hostname = url.hostname.replace(/^\[|\]$/g, "").replace(/\.$/, "");
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
    if (addresses.some(isNonPublicAddress)) {
      throw new BasescopeError(
        "NotAllowed",
        `basescope will not contact ${url.host} for registry ${registry}: it is a private, loopback or ` +
          `link-local address. An operator can allow it by listing "${url.host}" in ALLOWED_REGISTRIES.`,
      );
    }
  };
}
