import Docker from "dockerode";
import { PassThrough, type Readable } from "node:stream";
import type {
  ImageSource,
  LayerDescriptor,
  LayerScan,
  Platform,
  ResolvedImage,
  ScanLayer,
  SourceOptions,
} from "../analysis/types";
import { BasescopeError, isBasescopeError } from "../errors";
import { formatPlatform, samePlatform } from "../reference";
import { resolvedFromArchive, scansOf } from "./archive-image";
import { readImageArchive } from "./archive-reader";
import { type DockerConnection, dockerConnection } from "./docker-host";
import { daemonUnavailable, engineError, engineMessage } from "./engine-errors";
import {
  displayReference,
  imageHistory,
  inspectImage,
  inspectPlatform,
  isImageId,
  pickRepoDigest,
  withHistory,
} from "./engine-image";
import { pullImage } from "./pull";

export type ManifestInfo = { layers: LayerDescriptor[]; digest: string; indexDigest?: string };
export type ManifestInfoFn = (repoDigest: string, platform: Platform) => Promise<ManifestInfo | undefined>;

export type DockerSourceOptions = {
  /** DOCKER_HOST-style address; defaults to the DOCKER_HOST environment variable, then the default socket. */
  dockerHost?: string;
  /** "missing" (default) pulls only what the engine lacks; "never" analyses local images only. */
  pull?: "missing" | "always" | "never";
  /** Reads the registry manifest of a pulled image, for its real compressed layer sizes. */
  manifestInfo?: ManifestInfoFn;
};

const PING_TIMEOUT_MS = 10_000;
const PULL_SHARE = 0.4;

async function ping(docker: Docker, conn: DockerConnection, signal?: AbortSignal): Promise<void> {
  const timeout = AbortSignal.timeout(PING_TIMEOUT_MS);
  try {
    // dockerode's typings omit the options argument its ping() accepts.
    const pingWith = docker.ping.bind(docker) as unknown as (o: {
      abortSignal: AbortSignal;
    }) => Promise<unknown>;
    await pingWith({ abortSignal: signal ? AbortSignal.any([signal, timeout]) : timeout });
  } catch (e) {
    if (signal?.aborted) throw new BasescopeError("Cancelled", "The run was cancelled.", { cause: e });
    throw daemonUnavailable(
      conn.label,
      timeout.aborted ? new Error(`no answer within ${PING_TIMEOUT_MS / 1000} s`) : e,
    );
  }
}

/** Makes sure the engine has the image (pulling when allowed) and returns its inspect data. */
async function ensureImage(
  docker: Docker,
  reference: string,
  conn: DockerConnection,
  opts: DockerSourceOptions,
  sourceOpts: SourceOptions,
): Promise<{ info: Docker.ImageInspectInfo; pulled: boolean }> {
  const mode = opts.pull ?? "missing";
  const wanted = sourceOpts.platform;
  let info = await inspectImage(docker, reference, conn.label);
  const wrongPlatform = (i?: Docker.ImageInspectInfo) =>
    !!i && !!wanted && !samePlatform(inspectPlatform(i), wanted);
  const mustPull = mode === "always" || (mode === "missing" && (!info || wrongPlatform(info)));
  let pulled = false;
  if (mustPull && !isImageId(reference)) {
    await pullImage(docker, reference, { ...sourceOpts, share: PULL_SHARE, engineLabel: conn.label });
    pulled = true;
    info = await inspectImage(docker, reference, conn.label);
  }
  if (!info) {
    const why = mode === "never" ? " and pulling is turned off" : "";
    throw new BasescopeError(
      "ImageNotFound",
      `The image ${reference} is not in the Docker engine at ${conn.label}${why}.`,
    );
  }
  if (wrongPlatform(info)) {
    throw new BasescopeError(
      "PlatformNotFound",
      `The engine's image ${reference} is for ${formatPlatform(inspectPlatform(info))}, not ${formatPlatform(wanted!)}.`,
    );
  }
  return { info, pulled };
}

/** Registry layer sizes for a pulled image; any failure only costs the exact compressed figures. */
async function registryLayers(
  opts: DockerSourceOptions,
  repoDigest: string | undefined,
  platform: Platform,
  layerCount: number,
  notes: string[],
): Promise<ManifestInfo | undefined> {
  if (!repoDigest || !opts.manifestInfo) return undefined;
  try {
    const info = await opts.manifestInfo(repoDigest, platform);
    if (info && info.layers.length === layerCount) return info;
    if (info) notes.push(`The registry manifest of ${repoDigest} does not match the local image's layers.`);
  } catch (e) {
    notes.push(`The registry manifest of ${repoDigest} could not be read (${(e as Error).message}).`);
  }
  return undefined;
}

/**
 * The export's HTTP body with its connection failures named for what they are: an engine that went away
 * mid-export (DaemonUnavailable, worth a retry), not a damaged image. Destroying it closes the connection.
 */
function exportStream(raw: Readable, label: string): Readable {
  const out = new PassThrough();
  raw.on("error", (e) => {
    if (isBasescopeError(e)) return void out.destroy(e);
    const why = `The Docker engine at ${label} stopped in the middle of exporting the image (${engineMessage(e)}).`;
    out.destroy(new BasescopeError("DaemonUnavailable", why, { cause: e }));
  });
  out.on("close", () => raw.destroy());
  return raw.pipe(out);
}

async function analyzeEngineImage(
  reference: string,
  opts: DockerSourceOptions,
  scan: ScanLayer,
  sourceOpts: SourceOptions,
): Promise<{ image: ResolvedImage; scans: LayerScan[] }> {
  const { onProgress, signal } = sourceOpts;
  const conn = dockerConnection(opts.dockerHost);
  const docker = new Docker(conn.options);
  onProgress?.({ phase: "resolving", fraction: 0, message: `Asking the Docker engine for ${reference}` });
  await ping(docker, conn, signal);
  const { info, pulled } = await ensureImage(docker, reference, conn, opts, sourceOpts);
  const history = await imageHistory(docker, info.Id, conn.label);
  const platform = inspectPlatform(info);
  const notes: string[] = [];
  const repoDigest = pickRepoDigest(info.RepoDigests, reference);
  const manifest = await registryLayers(opts, repoDigest, platform, info.RootFS?.Layers?.length ?? -1, notes);

  let stream: Readable;
  try {
    stream = exportStream((await docker.getImage(info.Id).get()) as unknown as Readable, conn.label);
  } catch (e) {
    throw engineError(conn.label, e);
  }
  const base = pulled ? PULL_SHARE : 0;
  const total = Math.max(1, info.Size);
  const contents = await readImageArchive(stream, {
    scan,
    signal,
    estimateCompressed: !manifest,
    onBytes: (done) =>
      onProgress?.({
        phase: "analyzing",
        fraction: base + (1 - base) * Math.min(0.99, done / total),
        bytesDone: done,
        bytesTotal: info.Size,
      }),
  });
  const { config, note } = withHistory(contents.layout.config, history);
  if (note) notes.push(note);
  const image = resolvedFromArchive(contents, {
    reference: displayReference(reference),
    source: "docker",
    digest: manifest?.digest ?? repoDigest?.split("@")[1] ?? info.Id,
    indexDigest: manifest?.indexDigest,
    layers: manifest?.layers,
    notes,
  });
  onProgress?.({ phase: "analyzing", fraction: 1 });
  return { image: { ...image, config, platform, availablePlatforms: [platform] }, scans: scansOf(contents) };
}

/**
 * An image from a Docker Engine: pulled when missing (if allowed), then exported with GET /images/{id}/get
 * and scanned in one pass over that stream.
 */
export function createDockerSource(reference: string, opts: DockerSourceOptions = {}): ImageSource {
  return {
    kind: "docker",
    analyze: (scan, sourceOpts) => analyzeEngineImage(reference, opts, scan, sourceOpts),
  };
}
