import type { PackageDbScan, PackageManagerKind } from "../analysis/types";

/**
 * What the scanner asks other parts of the analysis while a layer streams past: which small files the
 * content inspection wants to see, and which files are package databases and how to read them. Injected
 * so the scanner does not depend on those folders and tests can pass their own.
 */
export type ScanHooks = {
  isCapturedFile(path: string): boolean;
  packageDbKind(path: string): { manager: PackageManagerKind } | null;
  parsePackageDb(path: string, tempFile: string, opts?: { maxBytes?: number }): Promise<PackageDbScan>;
};

export type ScanLimits = {
  /** Tar entries per layer; each costs memory for the file list. */
  maxEntries?: number;
  /** Decompressed bytes per layer: stops decompression bombs. */
  maxTarBytes?: number;
  /** Bytes of one package database file spooled to disk. */
  maxDbBytes?: number;
};

export type ScanOptions = {
  signal?: AbortSignal;
  /** Called with the size of each compressed chunk as it is read (a delta, not a running total). */
  onBytes?: (n: number) => void;
  limits?: ScanLimits;
};

export const DEFAULT_LIMITS: Required<ScanLimits> = {
  maxEntries: 1_000_000,
  maxTarBytes: 64 * 1024 ** 3,
  maxDbBytes: 256 * 1024 ** 2,
};

/** Whitelisted files are small text files (os-release, java release); anything bigger is not one of them. */
export const CAPTURE_MAX_BYTES = 64 * 1024;
