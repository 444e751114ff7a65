import { describe, expect, it } from "vitest";
import { clientOf, parseTrustedProxies } from "./client-address";

const none = parseTrustedProxies([]);
const proxies = parseTrustedProxies(["127.0.0.1", "10.0.0.0/8", "fd00::/8"]);
const req = (headers: Record<string, string>) => new Headers(headers);

describe("clientOf", () => {
  it("is the socket's peer when nothing was forwarded, IPv4-mapped addresses written plainly", () => {
    // Next.js adds X-Forwarded-For to every request; only what the request arrived with counts.
    const headers = { "x-basescope-peer": "::ffff:127.0.0.1", "x-forwarded-for": "127.0.0.1" };
    expect(clientOf(req(headers), none)).toEqual({
      address: "127.0.0.1",
      viaUntrustedProxy: false,
    });
  });

  it("does not know the client behind a proxy it was not told to trust, whatever the proxy says", () => {
    // What scripts/start.mjs records for X-Forwarded-For: 127.0.0.1, and for Forwarded or X-Real-IP alone.
    for (const h of [{ "x-basescope-forwarded-for": "127.0.0.1" }, { "x-basescope-forwarded-for": "" }]) {
      expect(clientOf(req({ "x-basescope-peer": "127.0.0.1", ...h }), none)).toEqual({
        address: "127.0.0.1",
        viaUntrustedProxy: true,
      });
    }
  });

  it("takes the rightmost hop that is not a listed proxy, so a client cannot pick its own address", () => {
    const via = (xff: string, peer = "10.1.2.3") =>
      clientOf(req({ "x-basescope-peer": peer, "x-basescope-forwarded-for": xff }), proxies);
    expect(via("203.0.113.7")).toEqual({ address: "203.0.113.7", viaUntrustedProxy: false });
    // The client wrote "127.0.0.1" itself; the proxy appended the address it saw.
    expect(via("127.0.0.1, 203.0.113.7")).toEqual({ address: "203.0.113.7", viaUntrustedProxy: false });
    // Two listed proxies in a row (an edge proxy, then one on this machine).
    expect(via("198.51.100.4, 10.9.9.9", "127.0.0.1")).toEqual({
      address: "198.51.100.4",
      viaUntrustedProxy: false,
    });
    expect(via("::ffff:127.0.0.1")).toEqual({ address: "127.0.0.1", viaUntrustedProxy: false });
    expect(via("fd12::1, 10.0.0.1")).toEqual({ address: "fd12::1", viaUntrustedProxy: false });
  });

  it("leaves the client unknown when a listed proxy's header cannot be read", () => {
    const via = (headers: Record<string, string>) =>
      clientOf(req({ "x-basescope-peer": "10.1.2.3", ...headers }), proxies);
    expect(
      via({ "x-basescope-forwarded-for": "unknown, 203.0.113.7, not-an-address" }).viaUntrustedProxy,
    ).toBe(true);
    // Forwarded alone (RFC 7239) is not read.
    expect(via({ "x-basescope-forwarded-for": "" }).viaUntrustedProxy).toBe(true);
  });

  it("has no address under the development server, which records no peer", () => {
    expect(clientOf(req({ "x-basescope-forwarded-for": "203.0.113.7" }), proxies)).toEqual({
      address: null,
      viaUntrustedProxy: false,
    });
  });
});

describe("parseTrustedProxies", () => {
  it("accepts addresses and ranges of both families and says which entry is wrong", () => {
    const list = parseTrustedProxies(["192.168.0.0/16", "::1", "2001:db8::/32"]);
    expect(list.check("192.168.44.1", "ipv4")).toBe(true);
    expect(list.check("192.169.0.1", "ipv4")).toBe(false);
    expect(list.check("2001:db8::5", "ipv6")).toBe(true);
    for (const bad of ["proxy.internal", "10.0.0.0/33", "10.0.0.0/8/1", "::1/129", "10.0.0.0/x"])
      expect(() => parseTrustedProxies([bad])).toThrow(`"${bad}" is not an IP address or a CIDR range`);
  });
});
