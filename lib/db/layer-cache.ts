import "server-only";
import { decodeScan, encodeScan } from "../analysis/layer-cache";
import type { LayerCache } from "../analysis/types";
import { prisma } from "./client";

/** The server's layer cache: scans by blob digest in the database, shared by every worker process. */
export const dbLayerCache: LayerCache = {
  async get(digest) {
    const row = await prisma.layerCache.findUnique({ where: { digest } });
    return row ? decodeScan(Buffer.from(row.scan)) : undefined;
  },
  async put(scan) {
    const data = new Uint8Array(encodeScan(scan));
    await prisma.layerCache.upsert({
      where: { digest: scan.digest },
      create: { digest: scan.digest, scan: data, sizeBytes: data.length },
      update: { scan: data, sizeBytes: data.length },
    });
  },
};
