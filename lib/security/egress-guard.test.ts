import { describe, expect, it } from "vitest";
import { BasescopeError } from "../errors";
import { createEgressGuard, type LookupAll } from "./egress-guard";

async function outcome(p: Promise<void>): Promise<string> {
  try {
    await p;
    return "ok";
  } catch (e) {
    expect(e).toBeInstanceOf(BasescopeError);
    return (e as BasescopeError).kind;
  }
}

const check = (url: string, allowed: string[] = [], lookupAll?: LookupAll) =>
  outcome(createEgressGuard({ allowed, lookupAll }).check(new URL(url), "reg.example"));

/** A resolver of the test's own, like a line in /etc/hosts, for names whose records the test chooses. */
const records =
  (table: Record<string, string[]>): LookupAll =>
  async (name) => {
    const found = table[name];
    if (!found) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${name}`), { code: "ENOTFOUND" });
    return found;
  };

describe("egress guard", () => {
  it("refuses private, loopback, link-local and mapped IP literals", async () => {
    for (const url of [
      "http://127.0.0.1:5000/v2/",
      "http://10.1.2.3/v2/",
      "http://169.254.169.254/latest/meta-data/",
      "http://100.100.100.200/",
      "http://0.0.0.0:8080/",
      "http://[::1]:5000/",
      "http://[fd00::5]/",
      "http://[fe80::1]/",
      "http://[::ffff:127.0.0.1]/",
      "http://[::ffff:a9fe:a9fe]/",
      // Odd IPv4 spellings are normalised by the URL parser before the check sees them.
      "http://2130706433/",
      "http://0x7f.1/",
    ])
      expect(await check(url), url).toBe("NotAllowed");
  });

  it("lets a listed host:port through, and only that exact one", async () => {
    expect(await check("http://127.0.0.1:5731/v2/", ["127.0.0.1:5731"])).toBe("ok");
    expect(await check("http://127.0.0.1:5732/v2/", ["127.0.0.1:5731"])).toBe("NotAllowed");
    expect(await check("http://127.0.0.1/v2/", ["127.0.0.1:5731"])).toBe("NotAllowed");
    expect(await check("http://localhost:5731/v2/", ["127.0.0.1:5731"])).toBe("NotAllowed");
    expect(await check("https://Registry.Internal/v2/", ["registry.internal"], records({}))).toBe("ok");
  });

  it("resolves names with the system resolver: localhost (from /etc/hosts) is loopback", async () => {
    expect(await check("http://localhost:5000/v2/")).toBe("NotAllowed");
    expect(await check("http://localhost:5000/v2/", ["localhost:5000"])).toBe("ok");
  });

  it("refuses a name when any of its addresses is not public", async () => {
    const lookup = records({
      "cdn.example": ["93.184.216.34", "2606:2800:220:1:248:1893:25c8:1946"],
      "rebind.example": ["93.184.216.34", "10.0.0.7"],
      "v6.example": ["2606:4700::1", "::1"],
      "mapped.example": ["::ffff:192.168.1.1"],
    });
    expect(await check("https://cdn.example/blob", [], lookup)).toBe("ok");
    expect(await check("https://rebind.example/blob", [], lookup)).toBe("NotAllowed");
    expect(await check("https://v6.example/blob", [], lookup)).toBe("NotAllowed");
    expect(await check("https://mapped.example/blob", [], lookup)).toBe("NotAllowed");
  });

  it("says how to allow a refused host, without naming the address it resolved to", async () => {
    const guard = createEgressGuard({
      allowed: [],
      lookupAll: records({ "meta.example": ["169.254.169.254"] }),
    });
    const e = await guard
      .check(new URL("http://meta.example:8080/x"), "reg.example")
      .catch((err: Error) => err);
    expect((e as Error).message).toContain('listing "meta.example:8080" in ALLOWED_REGISTRIES');
    expect((e as Error).message).not.toContain("169.254");
  });

  it("maps a name that does not resolve to RegistryUnreachable", async () => {
    const guard = createEgressGuard({ allowed: [], lookupAll: records({}) });
    const e = await guard
      .check(new URL("https://nowhere.example/v2/"), "nowhere.example")
      .catch((err: Error) => err);
    expect(e).toBeInstanceOf(BasescopeError);
    expect((e as BasescopeError).kind).toBe("RegistryUnreachable");
    expect((e as BasescopeError).message).toBe(
      "Cannot reach registry nowhere.example: the host name does not resolve.",
    );
    expect(await check("https://empty.example/", [], async () => [])).toBe("RegistryUnreachable");
  });
});
