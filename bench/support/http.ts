import http from "node:http";
import { since } from "./stats";

export type Timed = {
  status: number;
  ttfbMs: number;
  totalMs: number;
  bytes: number;
  body?: Buffer;
  headers?: http.IncomingHttpHeaders;
};

/**
 * GET over node:http, timing the first body byte and the last one separately: a streamed page shows its
 * shell long before its last Suspense boundary resolves. `keep` holds the body for the caller to check.
 */
export function timedGet(
  url: string,
  opts: { keep?: boolean; onChunk?: (n: number) => void } = {},
): Promise<Timed> {
  const start = process.hrtime.bigint();
  return new Promise((resolve, reject) => {
    const req = http.get(url, (res) => {
      let ttfbMs = 0;
      let bytes = 0;
      const chunks: Buffer[] = [];
      res.on("data", (chunk: Buffer) => {
        if (bytes === 0) ttfbMs = since(start);
        bytes += chunk.length;
        opts.onChunk?.(chunk.length);
        if (opts.keep) chunks.push(chunk);
      });
      res.on("end", () =>
        resolve({
          status: res.statusCode ?? 0,
          ttfbMs,
          totalMs: since(start),
          bytes,
          body: opts.keep ? Buffer.concat(chunks) : undefined,
          headers: res.headers,
        }),
      );
      res.on("error", reject);
    });
    // A reused keep-alive socket the server closed meanwhile: say so, the caller may retry (browsers do).
    req.on("error", (e: NodeJS.ErrnoException) =>
      reject(Object.assign(e, { reusedSocket: req.reusedSocket && e.code === "ECONNRESET" })),
    );
    req.setTimeout(120_000, () => req.destroy(new Error(`GET ${url} timed out`)));
  });
}
