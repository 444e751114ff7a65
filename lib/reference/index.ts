export type { ImageReference } from "./reference";
export { parseReference, makeReference, referenceTarget, isValidDigest, DEFAULT_REGISTRY } from "./reference";
export {
  parsePlatform,
  normalizePlatform,
  formatPlatform,
  samePlatform,
  platformCompatible,
  DEFAULT_PLATFORM,
} from "./platform";
