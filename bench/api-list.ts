/**
 * The dashboard at 1,000 images: a seeded database (each image one succeeded run of 5 layers and 200
 * packages) behind the production server, then the list API, the overview page and the package CSV export.
 *   npx tsx bench/api-list.ts [images=1000]
 * Targets: GET /api/images median < 150 ms; GET / first byte median < 300 ms; export RSS flat
 * (peak rise of the server's RSS under 3× the CSV's size, and back near the start when it ends; shown
 * beside an export of a fifth of the images).
 */
import Database from "better-sqlite3";
import { withSeededServer } from "./support/bench-server";
import type { Server } from "./support/server";
import { timedGet, type Timed } from "./support/http";
import { cpuMs, procStatusBytes, rssSummary, sampleRss } from "./support/proc";
import { mib, median, ms, percentile, printTable, verdict } from "./support/stats";

const IMAGES = Number(process.argv[2] ?? 1000);
const LAYERS = 5;
const PACKAGES = 200;

/** Sequential GETs after a few warm-ups, with the server's CPU time per request (immune to other load). */
async function repeat(pid: number, url: string, n: number, warm = 3, before: () => void = () => {}) {
  for (let i = 0; i < warm; i++) await timedGet(url);
  const out: Timed[] = [];
  const cpu0 = cpuMs(pid);
  for (let i = 0; i < n; i++) {
    before();
    out.push(await timedGet(url));
  }
  const cpuPerRequest = (cpuMs(pid) - cpu0) / n;
  const bad = out.filter((t) => t.status !== 200);
  if (bad.length) throw new Error(`${url}: ${bad.length} responses were not 200 (first: ${bad[0].status})`);
  return Object.assign(out, { cpuPerRequest });
}

type ExportFigures = Awaited<ReturnType<typeof measureExport>>;

/** One package export, its rows checked, with the server's RSS before and every 100 ms during it. */
async function measureExport(server: Server, ids?: string[]) {
  const url = `${server.url}/api/export.csv?kind=packages${ids ? `&ids=${ids.join(",")}` : ""}`;
  const baseline = procStatusBytes(server.pid, "VmRSS") ?? 0;
  const sampler = sampleRss(server.pid, 100);
  const csv = await timedGet(url, { keep: true });
  const samples = sampler.stop();
  const rows = csv.body!.toString("utf8").split("\r\n").length - 2; // header, and the empty tail after the last CRLF
  const expected = (ids?.length ?? IMAGES) * PACKAGES;
  if (rows !== expected) throw new Error(`the export held ${rows} package rows, expected ${expected}`);
  return {
    rows,
    bytes: csv.bytes,
    ttfbMs: csv.ttfbMs,
    totalMs: csv.totalMs,
    baseline,
    samples,
    rss: rssSummary(samples),
  };
}

await withSeededServer(
  { images: IMAGES, layers: LAYERS, packages: PACKAGES },
  { EMBEDDED_WORKER: "0" },
  async (ctx) => {
    const { server } = ctx;
    console.log(
      `seeded ${IMAGES} images × ${LAYERS} layers × ${PACKAGES} packages in ${ms(ctx.seedMs)}; database ${mib(ctx.dbBytes)}`,
    );

    const list = await timedGet(`${server.url}/api/images`, { keep: true });
    const ids = (JSON.parse(list.body!.toString()) as { items: { id: string }[] }).items.map((i) => i.id);
    const items = ids.length;
    if (items !== IMAGES) throw new Error(`/api/images listed ${items} images, expected ${IMAGES}`);
    const api = await repeat(server.pid, `${server.url}/api/images`, 50);
    // The overview is replayed while the data stay the same (scripts/page-cache.mjs). To time a render,
    // each request of the first series comes after a change to the data version: an image row with no
    // run, which changes no figure on the page but does change the version.
    const db = new Database(ctx.dbFile);
    const addImageRow = db.prepare(
      `INSERT INTO "Image" (id, reference, platform, family, labels, "createdAt") VALUES (?, ?, 'linux/amd64', 'other', '[]', ?)`,
    );
    let n = 0;
    const touch = () =>
      void addImageRow.run(`bench-${++n}`, `bench.example/none:${n}`, new Date().toISOString());
    const page = await repeat(server.pid, `${server.url}/`, 30, 3, touch);
    db.close();
    const replayed = await repeat(server.pid, `${server.url}/`, 30);
    const cacheOf = (xs: Timed[]) => [...new Set(xs.map((t) => t.headers?.["x-basescope-cache"]))].join(",");

    // The same export for a fifth of the images, then for all: memory that followed the rows would show.
    await timedGet(`${server.url}/api/export.csv?kind=packages&ids=none`); // load the route's code first
    const fifth = await measureExport(server, ids.slice(0, ids.length / 5));
    const all = await measureExport(server);
    const apiMedian = median(api.map((t) => t.totalMs));
    const ttfb = median(page.map((t) => t.ttfbMs));
    const stat = (xs: number[]) => [ms(median(xs)), ms(percentile(xs, 95)), ms(Math.max(...xs))];
    printTable(`${IMAGES} images, sequential requests after 3 warm-ups`, [
      ["measure", "median", "p95", "max", "server CPU/req", "size", "target", ""],
      [
        "GET /api/images (whole body)",
        ...stat(api.map((t) => t.totalMs)),
        ms(api.cpuPerRequest),
        mib(api[0].bytes),
        "median < 150 ms",
        verdict(apiMedian < 150),
      ],
      [
        `GET / rendered (${cacheOf(page)}), first byte`,
        ...stat(page.map((t) => t.ttfbMs)),
        ms(page.cpuPerRequest),
        "",
        "median < 300 ms",
        verdict(ttfb < 300),
      ],
      [`GET / rendered, whole page`, ...stat(page.map((t) => t.totalMs)), "", mib(page[0].bytes), "", ""],
      [
        `GET / replayed (${cacheOf(replayed)}), whole page`,
        ...stat(replayed.map((t) => t.totalMs)),
        ms(replayed.cpuPerRequest),
        mib(replayed[0].bytes),
        "",
        "",
      ],
    ]);
    const rise = (e: ExportFigures) => e.rss.max - e.baseline;
    // Holding the rows as objects would cost several times the CSV's size; a streamed export only shows
    // GC's sawtooth (tens of MiB) and ends where it started.
    const end = all.samples[all.samples.length - 1].rss;
    const flat = rise(all) < 3 * all.bytes && end < all.baseline + 32 * 2 ** 20;
    const trace = all.samples.filter((_, i) => i % 5 === 0).map((x) => (x.rss / 2 ** 20).toFixed(0));
    printTable("CSV export, kind=packages (server RSS sampled every 100 ms)", [
      ["measure", `${fifth.rows} rows`, `${all.rows} rows`],
      ["bytes", mib(fifth.bytes), mib(all.bytes)],
      [
        "first byte / whole",
        `${ms(fifth.ttfbMs)} / ${ms(fifth.totalMs)}`,
        `${ms(all.ttfbMs)} / ${ms(all.totalMs)}`,
      ],
      [
        "rows/s",
        (fifth.rows / (fifth.totalMs / 1000)).toFixed(0),
        (all.rows / (all.totalMs / 1000)).toFixed(0),
      ],
      ["server RSS before", mib(fifth.baseline), mib(all.baseline)],
      [
        "server RSS min / max during",
        `${mib(fifth.rss.min)} / ${mib(fifth.rss.max)}`,
        `${mib(all.rss.min)} / ${mib(all.rss.max)}`,
      ],
      ["peak rise over before", mib(rise(fifth)), mib(rise(all))],
    ]);
    console.log(`all rows, RSS every 500 ms (MiB): ${trace.join(" ")}`);
    console.log(
      `flat (peak rise < 3× the CSV's size, ends within 32 MiB of the start, ${mib(end)}): ${verdict(flat)}`,
    );
  },
);
