import { BlockList, isIP } from "node:net";

/**
 * Who sent a request, for the loopback-only write rule and per-client limits. The TCP peer, and the
 * forwarding headers the request arrived with, come from headers scripts/start.mjs sets (a client cannot
 * set them: the server replaces them). Behind a
 * reverse proxy that peer is the proxy: a proxy on the same machine would make every visitor look local,
 * and every visitor would share one rate limit. So:
 * - a request carrying forwarding headers (X-Forwarded-For, Forwarded, X-Real-IP) from a peer not listed
 *   in TRUSTED_PROXIES has an unknown client: never local, keyed by the proxy's address;
 * - from a listed proxy, the client is the rightmost X-Forwarded-For hop that is not itself a listed proxy
 *   (the hops to its left are whatever the client chose to send).
 */
export type Client = {
  /** The client's address; null only under `next dev`, which has no custom server to record it. */
  address: string | null;
  /** Forwarded by a proxy basescope was not told to trust: the real client is unknown. */
  viaUntrustedProxy: boolean;
};

const mappedV4 = /^::ffff:(\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3})$/i;
const plain = (address: string) => address.trim().replace(mappedV4, "$1");

/** TRUSTED_PROXIES entries: addresses or CIDR ranges, IPv4 or IPv6. Throws on an entry that is neither. */
export function parseTrustedProxies(entries: string[]): BlockList {
  const list = new BlockList();
  for (const entry of entries) {
    const [address, prefix, extra] = entry.split("/");
    const family = isIP(address) === 6 ? "ipv6" : isIP(address) === 4 ? "ipv4" : undefined;
    const bits = prefix === undefined ? undefined : Number(prefix);
    const max = family === "ipv6" ? 128 : 32;
    if (
      !family ||
      extra !== undefined ||
      (bits !== undefined && !(Number.isInteger(bits) && bits >= 0 && bits <= max))
    )
      throw new Error(`"${entry}" is not an IP address or a CIDR range such as 10.0.0.0/8`);
    if (bits === undefined) list.addAddress(address, family);
    else list.addSubnet(address, bits, family);
  }
  return list;
}

function listed(trusted: BlockList, address: string): boolean {
  const family = isIP(address);
  return family !== 0 && trusted.check(address, family === 6 ? "ipv6" : "ipv4");
}

export function clientOf(headers: Headers, trusted: BlockList): Client {
  const peer = headers.get("x-basescope-peer");
  if (peer === null) return { address: null, viaUntrustedProxy: false };
  // Present when the request arrived with any forwarding header; its value is the X-Forwarded-For it
  // arrived with (Next.js adds one of its own to every request, so the raw header cannot tell).
  const forwardedFor = headers.get("x-basescope-forwarded-for");
  const proxied = forwardedFor !== null;
  const address = plain(peer);
  if (!proxied) return { address, viaUntrustedProxy: false };
  if (!listed(trusted, address)) return { address, viaUntrustedProxy: true };
  const hops = (forwardedFor ?? "").split(",").map(plain).filter(Boolean);
  for (let i = hops.length - 1; i >= 0; i--) {
    // A hop that is not an address means a proxy chain basescope cannot read: the client stays unknown.
    if (isIP(hops[i]) === 0) return { address, viaUntrustedProxy: true };
    if (!listed(trusted, hops[i])) return { address: hops[i], viaUntrustedProxy: false };
  }
  // Every hop is a listed proxy: the leftmost is the client. No X-Forwarded-For at all: unknown.
  return hops.length > 0
    ? { address: hops[0], viaUntrustedProxy: false }
    : { address, viaUntrustedProxy: true };
}
