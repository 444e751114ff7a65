import http from "node:http";
import type net from "node:net";

/**
 * A tiny HTTP proxy in front of a real registry, for the faults a registry will not produce on demand:
 * flipped bytes, redirects to another host, 429s, stalls. `hook` may answer a request itself; `rewrite` may
 * change a forwarded response body.
 */
export type ProxyHandle = {
  host: string;
  base: string;
  seen: { method: string; url: string; authorization?: string }[];
  stop(): Promise<void>;
};

export type ProxyOptions = {
  hook?: (req: http.IncomingMessage, res: http.ServerResponse) => boolean | Promise<boolean>;
  rewrite?: (url: string, body: Buffer) => Buffer;
  extraHeaders?: (url: string) => Record<string, string>;
};

export async function startServer(
  handler: http.RequestListener,
): Promise<{ port: number; server: http.Server; stop(): Promise<void> }> {
  const server = http.createServer(handler);
  const sockets = new Set<net.Socket>();
  server.on("connection", (s) => {
    sockets.add(s);
    s.on("close", () => sockets.delete(s));
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  return {
    port: (server.address() as net.AddressInfo).port,
    server,
    async stop() {
      sockets.forEach((s) => s.destroy());
      await new Promise((r) => server.close(r));
    },
  };
}

export async function startProxy(target: string, opts: ProxyOptions = {}): Promise<ProxyHandle> {
  const seen: ProxyHandle["seen"] = [];
  const s = await startServer(async (req, res) => {
    seen.push({ method: req.method ?? "", url: req.url ?? "", authorization: req.headers.authorization });
    if (opts.hook && (await opts.hook(req, res))) return;
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(req.headers))
      if (typeof v === "string" && k !== "host" && k !== "authorization") headers[k] = v;
    const upstream = await fetch(`${target}${req.url}`, { method: req.method, headers, redirect: "manual" });
    let body: Buffer = Buffer.from(await upstream.arrayBuffer());
    if (opts.rewrite) body = opts.rewrite(req.url ?? "", body);
    const out: Record<string, string> = { ...opts.extraHeaders?.(req.url ?? "") };
    upstream.headers.forEach((v, k) => {
      if (!["content-length", "transfer-encoding", "connection", "content-encoding"].includes(k)) out[k] = v;
    });
    if (req.method !== "HEAD") out["content-length"] = String(body.length);
    res.writeHead(upstream.status, out);
    res.end(req.method === "HEAD" ? undefined : body);
  });
  return { host: `127.0.0.1:${s.port}`, base: `http://127.0.0.1:${s.port}`, seen, stop: s.stop };
}
