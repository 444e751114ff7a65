export { createDockerSource } from "./docker-source";
export type { DockerSourceOptions, ManifestInfo, ManifestInfoFn } from "./docker-source";
export { createArchiveSource } from "./archive-source";
export { dockerConnection } from "./docker-host";
export { readImageArchive } from "./archive-reader";
export type { ArchiveContents, ArchiveLayer, ArchiveReadOptions } from "./archive-reader";
