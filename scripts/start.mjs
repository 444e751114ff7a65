#!/usr/bin/env node
// Production start: apply pending migrations to the SQLite database, then serve the built app on $PORT.
// A small custom server in front of Next.js records the TCP peer address in a header of its own (any
// such header sent by the client is dropped first): with ADMIN_TOKEN unset, only loopback clients may
// write, and route handlers cannot see the socket otherwise. It also records the forwarding headers the
// request arrived with, before Next.js adds an X-Forwarded-For of its own to every request
// (lib/security/client-address.ts reads both).
import { spawnSync } from "node:child_process";
import { mkdirSync } from "node:fs";
import http from "node:http";
import path from "node:path";
import { fileURLToPath } from "node:url";
import next from "next";
import Database from "better-sqlite3";
import { createPageCache } from "./page-cache.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
// Relative DATABASE_URL and CACHE_DIR paths mean the same files to the migration and to the server.
process.chdir(root);
process.env.DATABASE_URL ??= "file:./data/basescope.db";
process.env.NODE_ENV = "production";
const port = Number(process.env.PORT ?? 3000);
const host = process.env.HOST ?? "0.0.0.0";
mkdirSync(path.join(root, "data"), { recursive: true });

const migrate = spawnSync("bash", [path.join(root, "scripts/prisma.sh"), "migrate", "deploy"], {
  cwd: root,
  stdio: ["ignore", "ignore", "inherit"],
});
if (migrate.status !== 0) {
  console.error("basescope: applying database migrations failed; the server was not started.");
  process.exit(migrate.status ?? 1);
}

// WAL lets pages read while the worker writes progress and results; the setting lives in the file.
const dbFile = process.env.DATABASE_URL.replace(/^file:/, "");
const db = new Database(dbFile);
db.pragma("journal_mode = WAL");
db.close();

const app = next({ dev: false, dir: root, port, hostname: host });
await app.prepare();
const handle = app.getRequestHandler();

// At most this many requests render at once; the rest wait their turn. A page render holds megabytes
// while it runs, so without a bound 50 concurrent readers of 1,000 images took the server past 800 MiB
// (bench/load.ts); waiting costs a socket, not a render. Event streams and static files are not counted.
const maxInFlight = Math.max(1, Number(process.env.MAX_CONCURRENT_REQUESTS ?? 8) || 8);
let inFlight = 0;
const waiting = [];

function release() {
  inFlight--;
  while (waiting.length > 0 && inFlight < maxInFlight) {
    const next = waiting.shift();
    if (!next.req.destroyed) start(next.req, next.res);
  }
}

function start(req, res) {
  inFlight++;
  res.once("close", release);
  handle(req, res);
}

function bounded(req, res) {
  if (inFlight < maxInFlight) start(req, res);
  else waiting.push({ req, res });
}

const pageCache = createPageCache({ dbFile, host, port });

const unbounded = (url = "") => url.startsWith("/_next/static/") || /^\/api\/runs\/[^/]+\/events/.test(url);

const server = http.createServer((req, res) => {
  delete req.headers["x-basescope-peer"];
  delete req.headers["x-basescope-forwarded-for"];
  req.headers["x-basescope-peer"] = req.socket.remoteAddress ?? "";
  const { "x-forwarded-for": forwardedFor, forwarded, "x-real-ip": realIp } = req.headers;
  if (forwardedFor !== undefined || forwarded !== undefined || realIp !== undefined)
    req.headers["x-basescope-forwarded-for"] = [forwardedFor ?? ""].flat().join(", ");
  if (pageCache.isRender(req)) bounded(req, res);
  else if (pageCache.handles(req))
    // A replayed page costs no render; a failed render falls back to Next for this request.
    pageCache.serve(req, res).catch(() => (res.headersSent ? res.destroy() : bounded(req, res)));
  else if (unbounded(req.url)) handle(req, res);
  else bounded(req, res);
});
// Longer than the usual 60 s idle timeout of proxies and clients: with Node's 5 s default, a saturated
// server closed kept-alive connections while clients were already reusing them (ECONNRESET under load,
// bench/load.ts).
server.keepAliveTimeout = 65_000;
server.headersTimeout = 66_000;
server.listen(port, host, () => console.log(`basescope: serving on http://localhost:${port}`));
for (const sig of ["SIGINT", "SIGTERM"]) {
  process.on(sig, () => {
    server.close();
    process.exit(0);
  });
}
