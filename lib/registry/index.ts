export { createRegistrySource, type RegistrySourceOptions } from "./source";
export { fetchManifestInfo, type ManifestInfo, type ResolveOptions } from "./resolve";
export { RegistryClient, type RegistryOptions } from "./client";
export { apiHost, isLoopbackHost, registryBaseUrl } from "./http";
export { parseWwwAuthenticate, type Challenge } from "./challenge";
export { loadCredentials, type Credentials } from "./credentials";
export { MEDIA, MANIFEST_ACCEPT } from "./manifest";
