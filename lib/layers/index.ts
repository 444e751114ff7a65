/**
 * Layers: one streamed pass per layer blob (LayerScan), the merged filesystem after whiteouts, and
 * dive's waste figures across layers.
 */
import { isCapturedFile } from "../inspect";
import { packageDbKind, parsePackageDb } from "../packages";
import { createLayerScanner } from "./layer-scanner";

export { createLayerScanner, type LayerDesc, type ScanLayerFn } from "./layer-scanner";
export { DEFAULT_LIMITS, type ScanHooks, type ScanLimits, type ScanOptions } from "./hooks";
export { buildMergedTree, fileCount, filesystemBytes, type LayerTree } from "./merged-tree";
export { displayPath, largestFiles, mergedFiles } from "./tree-views";
export { wasteFigures, type WasteFigures } from "./waste";
export { normalizeTarPath } from "./tar-path";

/** The scanner wired to the real content whitelist and package database parsers. */
export const scanLayer = createLayerScanner({ isCapturedFile, packageDbKind, parsePackageDb });
