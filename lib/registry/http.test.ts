import net from "node:net";
import { describe, expect, it } from "vitest";
import { BasescopeError } from "../errors";
import { apiHost, isLoopbackHost, registryBaseUrl, send } from "./http";

describe("registryBaseUrl", () => {
  it.each([
    ["docker.io", [], "https://registry-1.docker.io"],
    ["ghcr.io", [], "https://ghcr.io"],
    ["127.0.0.1:5731", [], "http://127.0.0.1:5731"],
    ["127.9.8.7", [], "http://127.9.8.7"],
    ["localhost:5000", [], "http://localhost:5000"],
    ["localhost", [], "http://localhost"],
    ["[::1]:5000", [], "http://[::1]:5000"],
    ["128.0.0.1:5000", [], "https://128.0.0.1:5000"],
    ["localhost.evil.com", [], "https://localhost.evil.com"],
    ["127.0.0.1.nip.io", [], "https://127.0.0.1.nip.io"],
    ["reg.lan:5000", ["reg.lan:5000"], "http://reg.lan:5000"],
    ["reg.lan:5000", ["reg.lan"], "http://reg.lan:5000"],
    ["reg.lan:5000", ["other.lan"], "https://reg.lan:5000"],
  ])("%s %j → %s", (registry, insecure, url) => {
    expect(registryBaseUrl(registry, insecure)).toBe(url);
  });
  it("knows Docker Hub's API host and loopback names", () => {
    expect(apiHost("docker.io")).toBe("registry-1.docker.io");
    expect(isLoopbackHost("[::1]")).toBe(true);
    expect(isLoopbackHost("10.0.0.1")).toBe(false);
  });
});

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const port = (server.address() as net.AddressInfo).port;
  await new Promise((r) => server.close(r));
  return port;
}

describe("send maps network failures", () => {
  it("turns a refused connection into RegistryUnreachable", async () => {
    const port = await freePort();
    const err = await send(
      `http://127.0.0.1:${port}/v2/`,
      { method: "GET", headers: {} },
      `127.0.0.1:${port}`,
    ).catch((e) => e);
    expect(err).toBeInstanceOf(BasescopeError);
    expect(err.kind).toBe("RegistryUnreachable");
    expect(err.message).toBe(
      `Cannot reach registry 127.0.0.1:${port}: the connection was refused (is it running, and is the port right?).`,
    );
  });

  it("times out a server that accepts but never answers", async () => {
    const sockets: net.Socket[] = [];
    const server = net.createServer((s) => sockets.push(s));
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    const port = (server.address() as net.AddressInfo).port;
    try {
      const err = await send(`http://127.0.0.1:${port}/v2/`, { method: "GET", headers: {} }, "silent", {
        connectTimeoutMs: 300,
      }).catch((e) => e);
      expect(err.kind).toBe("RegistryUnreachable");
      expect(err.message).toMatch(/Cannot reach registry silent: no answer within 0.3 s/);
    } finally {
      sockets.forEach((s) => s.destroy());
      server.close();
    }
  });

  it("reports a cancelled signal as Cancelled", async () => {
    const port = await freePort();
    const ac = new AbortController();
    ac.abort();
    const err = await send(
      `http://127.0.0.1:${port}/`,
      { method: "GET", headers: {}, signal: ac.signal },
      "x",
    ).catch((e) => e);
    expect(err.kind).toBe("Cancelled");
  });
});
