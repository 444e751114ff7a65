// The overview (GET /) rendered once per data version and replayed to every reader until a result
// changes. Rendering it for 1,000 images costs 110–170 ms of CPU, and nothing in it depends on who asks
// (no cookies, no per-request nonce: the CSP allows Next's inline bootstrap), so 50 readers rendering it
// each in turn were the load bench's bottleneck. The version is the same cheap query the image list's own
// cache uses (lib/db/list-version.mjs), read here from the database, so a separate worker's results show
// on the next request. A render is made by asking this same server with a per-process key; it streams
// to the request that found the version changed, and requests arriving meanwhile share it. Only a 200 is
// kept; anything else is passed on as it came.
import { randomBytes } from "node:crypto";
import http from "node:http";
import { constants as zlibConstants, createGzip, gzipSync } from "node:zlib";
import Database from "better-sqlite3";
import { LIST_VERSION_SQL, listVersionOf } from "../lib/db/list-version.mjs";

const RENDER_HEADER = "x-basescope-render";
const HOP_BY_HOP = new Set(["connection", "keep-alive", "transfer-encoding", "content-length", "date"]);

/** `host` is what the server listens on; a wildcard is reached on loopback. */
export function createPageCache({ dbFile, host, port }) {
  const renderHost = host === "0.0.0.0" || host === "::" ? "127.0.0.1" : host;
  const key = randomBytes(16).toString("hex");
  const db = new Database(dbFile, { readonly: true, fileMustExist: true, timeout: 5000 });
  const versionQuery = db.prepare(LIST_VERSION_SQL);
  /** @type {{ version: string, status: number, headers: Record<string, string | string[]>, body: Buffer, gzipped: Buffer } | undefined} */
  let page;
  /** @type {Map<string, Promise<any>>} */
  const rendering = new Map();

  const acceptsGzip = (req) => /\bgzip\b/.test(req.headers["accept-encoding"] ?? "");

  /** The rendered page's headers for a client, with the encoding and the cache's verdict. */
  function headersFor(headers, { gzip, length, cache }) {
    const vary = String(headers.vary ?? "");
    return {
      ...headers,
      ...(gzip ? { "content-encoding": "gzip" } : {}),
      ...(length !== undefined ? { "content-length": length } : {}),
      vary: /accept-encoding/i.test(vary) ? vary : [vary, "Accept-Encoding"].filter(Boolean).join(", "),
      "x-basescope-cache": cache,
    };
  }

  /**
   * Renders the overview by asking this server for it, streaming it to `first` (the request that found
   * the version changed) as it arrives, so its first byte does not wait for the whole page, and keeping
   * the bytes for everyone after. Resolves with the rendered page once it is complete.
   */
  function render(version, first) {
    const pending = new Promise((resolve, reject) => {
      const req = http.get(
        {
          host: renderHost,
          port,
          path: "/",
          headers: { [RENDER_HEADER]: key, "accept-encoding": "identity" },
        },
        (res) => {
          const status = res.statusCode ?? 500;
          const headers = {};
          for (const [name, value] of Object.entries(res.headers))
            if (value !== undefined && !HOP_BY_HOP.has(name)) headers[name] = value;
          const gzip = acceptsGzip(first.req) && status === 200;
          first.res.writeHead(status, headersFor(headers, { gzip, cache: "miss" }));
          // Flushed chunk by chunk so the shell reaches the browser before the slower sections.
          const out = gzip ? createGzip({ flush: zlibConstants.Z_SYNC_FLUSH }) : undefined;
          out?.pipe(first.res);
          const chunks = [];
          res.on("data", (c) => {
            chunks.push(c);
            (out ?? first.res).write(c);
          });
          res.on("error", (e) => {
            first.res.destroy(e);
            reject(e);
          });
          res.on("end", () => {
            (out ?? first.res).end();
            const body = Buffer.concat(chunks);
            const rendered = { version, status, headers, body, gzipped: gzipSync(body) };
            if (status === 200) page = rendered;
            resolve(rendered);
          });
        },
      );
      req.on("error", reject);
    }).finally(() => rendering.delete(version));
    rendering.set(version, pending);
    return pending;
  }

  function replay(out, req, res, cache) {
    const gzip = acceptsGzip(req) && out.status === 200;
    const body = gzip ? out.gzipped : out.body;
    res.writeHead(out.status, headersFor(out.headers, { gzip, length: body.length, cache }));
    res.end(body);
  }

  return {
    /** Whether this request is one the cache answers: a plain document GET of the overview. */
    handles(req) {
      return (
        req.method === "GET" &&
        req.url === "/" &&
        req.headers[RENDER_HEADER] === undefined &&
        req.headers.rsc === undefined &&
        req.headers["next-router-prefetch"] === undefined
      );
    },
    /** The loopback request that renders for the cache: it goes to Next itself. */
    isRender(req) {
      // The key is 128 random bits made at start and sent only over this process's own connection.
      const ok = req.headers[RENDER_HEADER] === key;
      delete req.headers[RENDER_HEADER];
      return ok;
    },
    async serve(req, res) {
      let version;
      try {
        version = listVersionOf(versionQuery.get());
      } catch {
        version = undefined; // no tables yet, or the file is busy: render without keeping it
      }
      if (version !== undefined && page?.version === version) return replay(page, req, res, "hit");
      // Requests that arrive while their version is being rendered wait for it and get it whole.
      const pending = version !== undefined ? rendering.get(version) : undefined;
      if (pending) return replay(await pending, req, res, "miss");
      await render(version ?? `uncached-${Date.now()}`, { req, res });
    },
  };
}
