/**
 * The contract between image sources (registry, Docker engine, archive files), the layer scanner and the
 * analysis that turns ordered layer scans into the figures the product shows. Nothing here knows about
 * Prisma or React.
 */

export type Platform = { os: string; architecture: string; variant?: string };

export type SourceKind = "registry" | "docker" | "archive";

/** A layer as the manifest (or the docker save manifest) describes it. */
export type LayerDescriptor = {
  digest: string;
  mediaType: string;
  /** Compressed size from the manifest; for docker images never pushed, a gzip -6 estimate. */
  size: number;
  urls?: string[];
};

export type HistoryEntry = {
  created?: string;
  created_by?: string;
  comment?: string;
  empty_layer?: boolean;
};

/** The OCI / Docker image config JSON, only the fields we read. */
export type ImageConfig = {
  architecture?: string;
  os?: string;
  variant?: string;
  created?: string;
  config?: {
    User?: string;
    Env?: string[] | null;
    Entrypoint?: string[] | null;
    Cmd?: string[] | null;
    ExposedPorts?: Record<string, unknown> | null;
    Labels?: Record<string, string> | null;
    WorkingDir?: string;
  };
  rootfs?: { type?: string; diff_ids?: string[] };
  history?: HistoryEntry[];
};

/** What a source knows about an image before any layer is read. */
export type ResolvedImage = {
  /** Normalised reference, e.g. docker.io/library/alpine:3.22 */
  reference: string;
  source: SourceKind;
  /** Manifest digest (registry, pulled image) or image ID when no manifest digest exists. */
  digest: string;
  /** Digest of the index / manifest list the platform was chosen from, if any. */
  indexDigest?: string;
  platform: Platform;
  /** Platforms the index offers (attestations excluded); just [platform] for a single manifest. */
  availablePlatforms: Platform[];
  config: ImageConfig;
  configDigest?: string;
  layers: LayerDescriptor[];
  compressedIsEstimate: boolean;
  /** Things the user should know: foreign layers skipped, estimates, rate-limit headers. */
  notes: string[];
};

export type FileKind = "file" | "dir" | "symlink" | "hardlink" | "other" | "whiteout" | "opaque";

/** One tar entry of a layer, names normalised (no leading "./" or "/", no trailing "/"). */
export type FileEntry = {
  path: string;
  kind: FileKind;
  /** Bytes of a regular file; 0 for everything else (hard links included, as in the tar header). */
  size: number;
  mode: number;
  /** Symlink target, or the path a hard link points to. */
  link?: string;
};

export type PackageManagerKind = "dpkg" | "apk" | "rpm";

export type PackageRecord = {
  name: string;
  version: string;
  arch?: string;
  /** Installed size in bytes, as the database records it. */
  installedBytes?: number;
  source?: string;
  license?: string;
};

/** A package database file found in one layer, parsed as the layer streamed past. */
export type PackageDbScan =
  | { manager: PackageManagerKind; format: string; packages: PackageRecord[] }
  | { manager: PackageManagerKind | "unknown"; format: string; error: string };

/** What one streamed pass over a layer yields; cacheable by blob digest. */
export type LayerScan = {
  /** Blob digest as read (compressed bytes), sha256:... */
  digest: string;
  /** sha256 of the decompressed tar. */
  diffId: string;
  compression: "gzip" | "zstd" | "none";
  /** Bytes of the blob as received. */
  compressedBytes: number;
  /** Bytes of the decompressed tar stream. */
  tarBytes: number;
  /** Σ size of regular files in this layer's tar (what the engine reports as a layer's Size). */
  uncompressedBytes: number;
  /** Regular files, symlinks, hard links (not directories, not whiteouts). */
  fileCount: number;
  entries: FileEntry[];
  /** Small whitelisted files (os-release, java release, ...) by path, base64. */
  files: Record<string, string>;
  /** Package databases found in this layer, by path. */
  packageDbs: Record<string, PackageDbScan>;
};

export type ProgressPhase = "resolving" | "pulling" | "downloading" | "analyzing" | "saving";

export type Progress = {
  phase: ProgressPhase;
  /** 0..1 overall */
  fraction: number;
  bytesDone?: number;
  bytesTotal?: number;
  message?: string;
};

export type ProgressFn = (p: Progress) => void;

/** Where scanned layers are remembered, keyed by blob digest. */
export type LayerCache = {
  get(digest: string): Promise<LayerScan | undefined>;
  put(scan: LayerScan): Promise<void>;
};

/**
 * The scanner a source feeds blobs to. `open` is called only when the cache cannot answer, so a source
 * with random access (the registry) downloads nothing it has seen before.
 */
export type ScanLayer = (
  desc: { digest: string; mediaType?: string; size?: number },
  open: () => Promise<NodeJS.ReadableStream>,
) => Promise<LayerScan>;

export type SourceOptions = {
  platform?: Platform;
  signal?: AbortSignal;
  onProgress?: ProgressFn;
};

/** Every source resolves the image, then hands each layer blob to `scan` and returns scans in layer order. */
export type ImageSource = {
  kind: SourceKind;
  analyze(scan: ScanLayer, opts: SourceOptions): Promise<{ image: ResolvedImage; scans: LayerScan[] }>;
};

/* ---------- The result: every figure the product shows ---------- */

export type LayerResult = {
  index: number;
  digest: string;
  diffId: string;
  mediaType: string;
  compressedBytes: number;
  uncompressedBytes: number;
  fileCount: number;
  createdBy: string | null;
  created: string | null;
  packagesAdded: string[];
  packagesRemoved: string[];
};

export type PackageResult = PackageRecord & { manager: PackageManagerKind; layerIndex: number };

export type FileSize = { path: string; bytes: number; layerIndex: number };
export type WastedPath = { path: string; bytes: number; occurrences: number };

export type JavaInfo = {
  version: string | null;
  vendor: string | null;
  imageType: "JRE" | "JDK" | null;
  home: string;
  bytes: number;
};

export type AnalysisResult = {
  reference: string;
  digest: string;
  indexDigest: string | null;
  platform: string;
  availablePlatforms: string[];
  source: SourceKind;
  created: string | null;
  compressedBytes: number;
  compressedIsEstimate: boolean;
  uncompressedBytes: number;
  filesystemBytes: number;
  fileCount: number;
  wastedBytes: number;
  efficiency: number;
  userWastedPercent: number;
  layers: LayerResult[];
  packages: { manager: PackageManagerKind | null; count: number; items: PackageResult[]; errors: string[] };
  os: { id: string | null; versionId: string | null; prettyName: string | null };
  libc: { kind: "glibc" | "musl" | "none"; version: string | null };
  shell: string | null;
  packageManager: string | null;
  java: JavaInfo | null;
  user: string;
  entrypoint: string[] | null;
  cmd: string[] | null;
  exposedPorts: string[];
  setuidCount: number;
  largestFiles: FileSize[];
  wastedPaths: WastedPath[];
  notes: string[];
};

/* ---------- The merged filesystem (after whiteouts), shared by the waste and content analyses ---------- */

export type MergedNode = FileEntry & { layerIndex: number };

export type MergedTree = {
  /** Surviving entries by normalised path (no whiteouts). */
  nodes: Map<string, MergedNode>;
  /**
   * Follows symlinks inside the image root (absolute targets are rooted at the image, ".." never escapes
   * "/", loops give undefined), also through symlinked parent directories (usr-merged /bin, /lib).
   */
  resolve(path: string): MergedNode | undefined;
};

/** Results of the content inspection (lib/inspect). */
export type ContentFacts = Pick<
  AnalysisResult,
  | "os"
  | "libc"
  | "shell"
  | "packageManager"
  | "java"
  | "user"
  | "entrypoint"
  | "cmd"
  | "exposedPorts"
  | "setuidCount"
>;
