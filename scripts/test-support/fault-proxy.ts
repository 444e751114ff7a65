import http from "node:http";
import type net from "node:net";
import { Transform, type Readable } from "node:stream";

/**
 * A fault-injecting HTTP proxy for tests, on a random loopback port in front of a real registry. Rules match
 * a request path and answer it wrongly in one of the ways real registries and networks do; anything no
 * rule claims is streamed through untouched. Optionally demands Basic credentials like a private registry.
 */
export type Fault =
  /** Answer with this status (5xx, 429 with Retry-After...) instead of asking upstream. */
  | { kind: "status"; status: number; headers?: Record<string, string> }
  /** Accept the request and never answer. */
  | { kind: "hang" }
  /** Pass the body through in `chunkBytes` pieces, one every `everyMs`. */
  | { kind: "trickle"; chunkBytes: number; everyMs: number }
  /** Send the real headers (full Content-Length), then `afterBytes` of body, then drop the connection. */
  | { kind: "truncate"; afterBytes: number }
  /** Send the real headers and `afterBytes` of body, then go silent with the connection open. */
  | { kind: "stall"; afterBytes: number }
  /** Invert the byte at `offset` of the body. */
  | { kind: "flip"; offset: number }
  /** 307 to the same path on another server. */
  | { kind: "redirect"; toBase: string };

export type FaultRule = { path: RegExp; method?: string; fault: Fault; times?: number };
export type Hit = { at: number; method: string; url: string; fault?: Fault["kind"]; authorization?: string };

export type FaultProxy = {
  host: string;
  hits: Hit[];
  /** Replaces the rules; `times` counts down per rule, unlimited when absent. */
  setRules(rules: FaultRule[]): void;
  stop(): Promise<void>;
};

type Server = { port: number; stop(): Promise<void> };

async function listen(handler: http.RequestListener): Promise<Server> {
  const server = http.createServer(handler);
  const sockets = new Set<net.Socket>();
  server.on("connection", (s) => {
    sockets.add(s);
    s.on("close", () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    port: (server.address() as net.AddressInfo).port,
    async stop() {
      sockets.forEach((s) => s.destroy());
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

/** Streams the request to upstream and hands back its response; credentials are not forwarded. */
function forward(upstream: string, req: http.IncomingMessage): Promise<http.IncomingMessage> {
  const headers = { ...req.headers };
  delete headers.host;
  delete headers.authorization;
  return new Promise((resolve, reject) => {
    const out = http.request(`${upstream}${req.url}`, { method: req.method, headers }, resolve);
    out.on("error", reject);
    req.pipe(out);
  });
}

function flipAt(offset: number): Transform {
  let seen = 0;
  return new Transform({
    transform(chunk: Buffer, _enc, done) {
      if (offset >= seen && offset < seen + chunk.length) chunk[offset - seen] ^= 0xff;
      seen += chunk.length;
      done(null, chunk);
    },
  });
}

/** Writes at most `limit` bytes of `body`, then calls `after` (drop or go silent). */
function sendPrefix(body: Readable, res: http.ServerResponse, limit: number, after: () => void) {
  let sent = 0;
  body.on("data", (chunk: Buffer) => {
    const take = chunk.subarray(0, Math.max(0, limit - sent));
    sent += take.length;
    if (take.length) res.write(take);
    if (sent >= limit) {
      body.destroy();
      after();
    }
  });
  body.on("end", () => res.end());
}

async function trickle(body: Readable, res: http.ServerResponse, chunkBytes: number, everyMs: number) {
  for await (const chunk of body as AsyncIterable<Buffer>) {
    for (let i = 0; i < chunk.length; i += chunkBytes) {
      if (res.destroyed) return body.destroy();
      res.write(chunk.subarray(i, i + chunkBytes));
      await new Promise((r) => setTimeout(r, everyMs));
    }
  }
  res.end();
}

async function respond(
  upstream: string,
  fault: Fault | undefined,
  req: http.IncomingMessage,
  res: http.ServerResponse,
) {
  if (fault?.kind === "hang") return;
  if (fault?.kind === "status") {
    res.writeHead(fault.status, { "content-type": "application/json", ...fault.headers });
    return void res.end(JSON.stringify({ errors: [{ code: "UNAVAILABLE", message: "injected fault" }] }));
  }
  if (fault?.kind === "redirect")
    return void res.writeHead(307, { location: `${fault.toBase}${req.url}` }).end();
  const up = await forward(upstream, req);
  res.writeHead(up.statusCode ?? 502, up.headers);
  if (fault?.kind === "flip") return void up.pipe(flipAt(fault.offset)).pipe(res);
  if (fault?.kind === "truncate") return sendPrefix(up, res, fault.afterBytes, () => res.destroy());
  if (fault?.kind === "stall") return sendPrefix(up, res, fault.afterBytes, () => undefined);
  if (fault?.kind === "trickle") return trickle(up, res, fault.chunkBytes, fault.everyMs);
  up.pipe(res);
}

export async function startFaultProxy(
  upstream: string,
  opts: { basicAuth?: { user: string; password: string } } = {},
): Promise<FaultProxy> {
  let rules: (FaultRule & { left: number })[] = [];
  const hits: Hit[] = [];
  const expected = opts.basicAuth
    ? `Basic ${Buffer.from(`${opts.basicAuth.user}:${opts.basicAuth.password}`).toString("base64")}`
    : undefined;
  const server = await listen((req, res) => {
    const url = req.url ?? "";
    if (expected && req.headers.authorization !== expected) {
      hits.push({ at: Date.now(), method: req.method ?? "", url, authorization: req.headers.authorization });
      return void res.writeHead(401, { "www-authenticate": 'Basic realm="fault-proxy"' }).end();
    }
    const rule = rules.find((r) => r.left > 0 && r.path.test(url) && (!r.method || r.method === req.method));
    if (rule) rule.left--;
    hits.push({
      at: Date.now(),
      method: req.method ?? "",
      url,
      fault: rule?.fault.kind,
      authorization: req.headers.authorization,
    });
    respond(upstream, rule?.fault, req, res).catch(() => res.destroy());
  });
  return {
    host: `127.0.0.1:${server.port}`,
    hits,
    setRules(next) {
      rules = next.map((r) => ({ ...r, left: r.times ?? Infinity }));
    },
    stop: server.stop,
  };
}

/** A second loopback server standing in for blob storage behind a redirect (S3, a CDN): serves from upstream. */
export async function startBlobMirror(
  upstream: string,
): Promise<{ base: string; seen: { url: string; authorization?: string }[]; stop(): Promise<void> }> {
  const seen: { url: string; authorization?: string }[] = [];
  const server = await listen((req, res) => {
    seen.push({ url: req.url ?? "", authorization: req.headers.authorization });
    forward(upstream, req)
      .then((up) => {
        res.writeHead(up.statusCode ?? 502, up.headers);
        up.pipe(res);
      })
      .catch(() => res.destroy());
  });
  return { base: `http://127.0.0.1:${server.port}`, seen, stop: server.stop };
}
