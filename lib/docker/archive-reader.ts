import path from "node:path";
import type { PassThrough, Readable } from "node:stream";
import tar from "tar-stream";
import type { LayerScan, Platform, ScanLayer } from "../analysis/types";
import { BasescopeError, isBasescopeError } from "../errors";
import { type ArchiveLayout, digestOfPath, resolveArchiveLayout } from "./archive-layout";
import { type FedLayer, feedLayer } from "./layer-feed";

export type ArchiveReadOptions = {
  scan: ScanLayer;
  platform?: Platform;
  signal?: AbortSignal;
  /** Count gzip -6 bytes of every layer entry that is not already compressed. */
  estimateCompressed: boolean;
  /** Bytes of archive entries read so far. */
  onBytes?: (bytesRead: number) => void;
};

export type ArchiveLayer = {
  path: string;
  scan: LayerScan;
  /** Size of the entry in the archive: the real compressed size when `compressed`. */
  entryBytes: number;
  compressed: boolean;
  gzipEstimate?: number;
};

export type ArchiveContents = { layout: ArchiveLayout; layers: ArchiveLayer[] };

/** streamx readables are async iterable at runtime; its type declarations just do not say so. */
type TarEntry = { header: tar.Header; [Symbol.asyncIterator](): AsyncIterator<Buffer> };

/** JSON documents bigger than this are not manifests or configs; never buffer more. */
const MAX_JSON_BYTES = 8 * 1024 * 1024;
const LEGACY_LAYER = /^[^/]+\/layer\.tar$/;
const BLOB = /^blobs\/[a-z0-9]+\/[a-f0-9]+$/;
const DOC = /^(manifest\.json|index\.json|[a-f0-9]{64}\.json)$/;

function normalizeName(name: string): string {
  return name.replace(/^(\.\/|\/)+/, "").replace(/\/+$/, "");
}

function looksLikeJson(head: Buffer): boolean {
  const text = head.subarray(0, 64).toString("latin1").trimStart();
  return text.startsWith("{") || text.startsWith("[");
}

async function collect(
  head: Buffer,
  rest: AsyncIterator<Buffer>,
  onChunk: (n: number) => void,
): Promise<Buffer> {
  const chunks = [head];
  onChunk(head.length);
  for (let r = await rest.next(); !r.done; r = await rest.next()) {
    chunks.push(r.value);
    onChunk(r.value.length);
  }
  return Buffer.concat(chunks);
}

async function* nothingMore(): AsyncGenerator<Buffer> {}

function cancelled(): BasescopeError {
  return new BasescopeError("Cancelled", "The run was cancelled.");
}

function archiveError(e: unknown): BasescopeError {
  if (isBasescopeError(e)) return e;
  const message = e instanceof Error ? e.message : String(e);
  return new BasescopeError(
    "CorruptLayer",
    `The image archive could not be read (truncated or not a tar): ${message}`,
    {
      cause: e,
    },
  );
}

/**
 * Reads a `docker save` stream or an OCI layout tar in ONE pass: every layer-like entry goes to the scanner
 * as it streams by (blobs come before manifest.json in an engine 25+ save), only small JSON documents are
 * kept, and the scans are put in layer order once the manifest has been read.
 */
export async function readImageArchive(source: Readable, opts: ArchiveReadOptions): Promise<ArchiveContents> {
  if (opts.signal?.aborted) throw cancelled();
  const extract = tar.extract();
  const docs = new Map<string, unknown>();
  const fed = new Map<string, FedLayer>();
  const links = new Map<string, string>();
  const live = new Set<PassThrough>();
  let bytesRead = 0;
  const onChunk = (n: number) => {
    bytesRead += n;
    opts.onBytes?.(bytesRead);
  };
  const stopAll = (e: Error) => {
    for (const p of live) p.destroy(e);
    source.destroy(e);
    extract.destroy(e);
  };
  const onAbort = () => stopAll(cancelled());
  opts.signal?.addEventListener("abort", onAbort, { once: true });
  source.on("error", (e) => extract.destroy(e));
  source.pipe(extract);

  const feed = async (
    name: string,
    digest: string,
    size: number,
    head: Buffer,
    rest: AsyncIterator<Buffer>,
  ) => {
    const layer = await feedLayer(head, rest, {
      scan: opts.scan,
      digest,
      size,
      estimateCompressed: opts.estimateCompressed,
      live,
      onChunk,
    });
    fed.set(name, layer);
  };

  const readEntry = async (entry: TarEntry) => {
    const { header } = entry;
    const name = normalizeName(header.name);
    const size = header.size ?? 0;
    const rest = entry[Symbol.asyncIterator]();
    if ((header.type === "symlink" || header.type === "link") && header.linkname) {
      // docker save writes a layer that repeats an earlier one as a link to the first copy.
      const base = header.type === "symlink" ? path.posix.dirname(name) : "";
      links.set(name, path.posix.normalize(path.posix.join(base, header.linkname)));
    }
    const wanted = header.type === "file" || header.type === "contiguous-file";
    const isLayer = wanted && LEGACY_LAYER.test(name);
    const isBlob = wanted && BLOB.test(name);
    const isDoc = wanted && DOC.test(name) && size <= MAX_JSON_BYTES;
    if (!isLayer && !isBlob && !isDoc) {
      for (let r = await rest.next(); !r.done; r = await rest.next()) onChunk(r.value.length);
      return;
    }
    const first = await rest.next();
    if (first.done) return;
    const head: Buffer = first.value;
    if (isDoc || (isBlob && size <= MAX_JSON_BYTES && looksLikeJson(head))) {
      const bytes = await collect(head, rest, onChunk);
      try {
        docs.set(name, JSON.parse(bytes.toString("utf8")));
        return;
      } catch {
        if (!isBlob) return;
        // Not JSON after all (a tar whose first name starts with "{"): scan the bytes already read.
        bytesRead -= bytes.length;
        return feed(name, digestOfPath(name) ?? "", size, bytes, nothingMore());
      }
    }
    // The scanner verifies a digest it is given: blobs are named by theirs; a legacy layer.tar's is unknown
    // until it has been read (it turns out to be the diff ID).
    await feed(name, isBlob ? (digestOfPath(name) ?? "") : "", size, head, rest);
  };

  try {
    try {
      for await (const entry of extract) await readEntry(entry as unknown as TarEntry);
    } catch (e) {
      for (const p of live) p.destroy();
      throw archiveError(e);
    }
    const layout = resolveArchiveLayout(docs, opts.platform);
    return { layout, layers: await orderedLayers(layout, fed, links) };
  } catch (e) {
    throw opts.signal?.aborted ? cancelled() : e;
  } finally {
    opts.signal?.removeEventListener("abort", onAbort);
  }
}

function resolveLink(name: string, links: ReadonlyMap<string, string>): string {
  let current = name;
  for (let hops = 0; hops < 8 && links.has(current); hops++) current = links.get(current)!;
  return current;
}

async function orderedLayers(
  layout: ArchiveLayout,
  fed: ReadonlyMap<string, FedLayer>,
  links: ReadonlyMap<string, string>,
): Promise<ArchiveLayer[]> {
  const layers: ArchiveLayer[] = [];
  for (const layerPath of layout.layerPaths) {
    const entry = fed.get(resolveLink(normalizeName(layerPath), links));
    if (!entry) {
      throw new BasescopeError(
        "CorruptLayer",
        `The image archive is incomplete: layer ${layerPath} is missing.`,
      );
    }
    const scan = await entry.scan;
    const gzipEstimate = entry.gzipEstimate ? await entry.gzipEstimate : undefined;
    layers.push({
      path: layerPath,
      scan,
      entryBytes: entry.entryBytes,
      compressed: entry.compressed,
      gzipEstimate,
    });
  }
  checkDiffIds(layout, layers);
  return layers;
}

/** The config's diff IDs are what the engine verified on load: scans in any other order are a bug or corruption. */
function checkDiffIds(layout: ArchiveLayout, layers: ArchiveLayer[]): void {
  const expected = layout.config.rootfs?.diff_ids;
  if (!expected) return;
  if (expected.length !== layers.length) {
    throw new BasescopeError(
      "CorruptLayer",
      `The image config lists ${expected.length} layers but the manifest ${layers.length}.`,
    );
  }
  layers.forEach((layer, i) => {
    if (layer.scan.diffId !== expected[i]) {
      throw new BasescopeError(
        "DigestMismatch",
        `Layer ${i + 1} (${layer.path}) has diff ID ${layer.scan.diffId}, but the image config expects ${expected[i]}.`,
      );
    }
  });
}
