import "server-only";
import { analyzeImage } from "../analysis/analyze";
import { env } from "../config/env";
import { dbLayerCache } from "../db/layer-cache";
import { serverEgressGuard } from "../security/server-guard";
import type { AnalyzeFn } from "./worker";

/** The worker's analysis: the engine with this server's configuration and the shared layer cache. */
export const runAnalysis: AnalyzeFn = (input, { signal, onProgress }) => {
  const config = env();
  return analyzeImage(input, {
    signal,
    onProgress,
    cache: dbLayerCache,
    insecureRegistries: config.INSECURE_REGISTRIES,
    dockerHost: config.DOCKER_HOST,
    maxImageBytes: config.MAX_IMAGE_BYTES,
    egress: serverEgressGuard(),
  });
};
