import { BlockList, isIP } from "node:net";

/**
 * Addresses a server-side fetch must not reach unless an operator lists the host: private, loopback,
 * link-local, CGNAT, unspecified, multicast and reserved ranges, in IPv4, IPv6, and IPv6 forms that carry
 * an IPv4 address inside (mapped, compatible, NAT64, 6to4), since those reach the same IPv4 hosts.
 */
const blocked = new BlockList();
for (const [net, bits] of [
  ["0.0.0.0", 8], // "this network", includes the unspecified address
  ["10.0.0.0", 8],
  ["100.64.0.0", 10], // carrier-grade NAT
  ["127.0.0.0", 8],
  ["169.254.0.0", 16], // link-local, cloud metadata endpoints live here
  ["172.16.0.0", 12],
  ["192.0.0.0", 24], // IETF protocol assignments
  ["192.168.0.0", 16],
  ["198.18.0.0", 15], // benchmarking networks
  ["224.0.0.0", 4], // multicast
  ["240.0.0.0", 4], // reserved, includes broadcast
] as const)
  blocked.addSubnet(net, bits, "ipv4");
for (const [net, bits] of [
  ["::", 96], // unspecified, loopback and the deprecated IPv4-compatible form
  ["fc00::", 7], // unique local
  ["fe80::", 10], // link-local
  ["fec0::", 10], // deprecated site-local
  ["ff00::", 8], // multicast
  ["100::", 64], // discard-only
] as const)
  blocked.addSubnet(net, bits, "ipv6");

/** The 8 hextets of an IPv6 address (any textual form, including a dotted IPv4 tail). */
function hextets(address: string): number[] {
  const [head, tail = ""] = address.replace(/%.*$/, "").split("::");
  const part = (s: string) => {
    const out: number[] = [];
    for (const piece of s.split(":").filter(Boolean)) {
      if (piece.includes(".")) {
        const [a, b, c, d] = piece.split(".").map(Number);
        out.push((a << 8) | b, (c << 8) | d);
      } else out.push(parseInt(piece, 16));
    }
    return out;
  };
  const h = part(head);
  const t = part(tail);
  return [...h, ...new Array<number>(8 - h.length - t.length).fill(0), ...t];
}

const v4 = (hi: number, lo: number) => `${hi >> 8}.${hi & 255}.${lo >> 8}.${lo & 255}`;

/** The IPv4 address an IPv6 translation prefix (NAT64 64:ff9b::/96, 6to4 2002::/16) routes to. */
function embeddedIPv4(address: string): string | undefined {
  const h = hextets(address);
  if (h[0] === 0x64 && h[1] === 0xff9b && h.slice(2, 6).every((x) => x === 0)) return v4(h[6], h[7]);
  if (h[0] === 0x2002) return v4(h[1], h[2]);
  return undefined;
}

/** True for any address outside the public unicast internet; false for public ones. Throws on non-IPs. */
export function isNonPublicAddress(address: string): boolean {
  const bare = address.replace(/^\[|\]$/g, "");
  const family = isIP(bare.replace(/%.*$/, ""));
  if (family === 4) return blocked.check(bare, "ipv4");
  if (family !== 6) throw new Error(`not an IP address: ${address}`);
  const plain = bare.replace(/%.*$/, "");
  // BlockList checks IPv4-mapped addresses (::ffff:a.b.c.d) against the IPv4 rules itself.
  if (blocked.check(plain, "ipv6")) return true;
  const inner = embeddedIPv4(plain);
  return inner !== undefined && blocked.check(inner, "ipv4");
}
