import { BasescopeError } from "../errors";

/**
 * Image references parsed and normalised the way distribution/reference (and so `docker pull`) does it,
 * so that "alpine", "docker.io/library/alpine:latest" and "index.docker.io/library/alpine" are one image.
 */
export type ImageReference = {
  /** Registry host as written (with port), "docker.io" for Docker Hub. */
  registry: string;
  /** Repository path inside the registry, e.g. "library/alpine". */
  repository: string;
  /** Tag; "latest" when neither tag nor digest was given; dropped when a digest is given (as ParseDockerRef does). */
  tag?: string;
  /** Content digest; when present it wins over the tag for resolution. */
  digest?: string;
  /** Normalised full form, e.g. docker.io/library/alpine:3.22 or docker.io/library/alpine@sha256:... */
  toString(): string;
};

export const DEFAULT_REGISTRY = "docker.io";
const LEGACY_DEFAULT_REGISTRY = "index.docker.io";
const MAX_NAME_LENGTH = 255;
/** Inputs longer than this cannot be valid (name 255 + tag 128 + digest) and are rejected before regexes. */
const MAX_INPUT_LENGTH = 1024;

const PATH_COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;
const DOMAIN_NAME =
  /^(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])(?:\.(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9]))*$/;
const IPV6_HOST = /^\[[a-fA-F0-9:]+\]$/;
const PORT = /^[0-9]+$/;
const TAG = /^[\w][\w.-]{0,127}$/;
const DIGEST = /^([a-z0-9]+(?:[.+_-][a-z0-9]+)*):([a-zA-Z0-9=_-]+)$/;
const DIGEST_HEX_LENGTH: Record<string, number> = { sha256: 64, sha384: 96, sha512: 128 };
const HEX64 = /^[a-f0-9]{64}$/;

function invalid(input: string, why: string): BasescopeError {
  const shown = input.length > 80 ? `${input.slice(0, 80)}…` : input;
  return new BasescopeError(
    "InvalidReference",
    `"${printable(shown)}" is not a valid image reference: ${why}.`,
  );
}

/** Keeps error messages readable and log-safe when the input holds control characters. */
function printable(s: string): string {
  return s.replace(
    /[\u0000-\u001f\u007f-\u009f]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`,
  );
}

export function isValidDigest(digest: string): boolean {
  const m = DIGEST.exec(digest);
  if (!m) return false;
  const length = DIGEST_HEX_LENGTH[m[1]];
  return length !== undefined && m[2].length === length && /^[a-f0-9]+$/.test(m[2]);
}

function validateDomain(input: string, domain: string): void {
  const colon = domain.startsWith("[") ? domain.indexOf("]:") + 1 : domain.lastIndexOf(":");
  const host = colon > 0 ? domain.slice(0, colon) : domain;
  const port = colon > 0 ? domain.slice(colon + 1) : undefined;
  if (!DOMAIN_NAME.test(host) && !IPV6_HOST.test(host))
    throw invalid(input, `"${printable(domain)}" is not a valid registry host`);
  if (port !== undefined && !PORT.test(port))
    throw invalid(input, `the registry port "${printable(port)}" must be a number`);
}

/** Splits "host/path" the way splitDockerDomain does: a first part with "." or ":", "localhost" or uppercase is a host. */
function splitDomain(name: string): { registry: string; repository: string } {
  const slash = name.indexOf("/");
  const first = slash === -1 ? "" : name.slice(0, slash);
  const isHost =
    slash !== -1 && (/[.:]/.test(first) || first === "localhost" || first.toLowerCase() !== first);
  let registry = isHost ? first : DEFAULT_REGISTRY;
  let repository = isHost ? name.slice(slash + 1) : name;
  if (registry === LEGACY_DEFAULT_REGISTRY) registry = DEFAULT_REGISTRY;
  if (registry === DEFAULT_REGISTRY && !repository.includes("/")) repository = `library/${repository}`;
  return { registry, repository };
}

export function parseReference(input: string): ImageReference {
  if (typeof input !== "string" || input.trim() === "") throw invalid(String(input ?? ""), "it is empty");
  if (input.length > MAX_INPUT_LENGTH)
    throw invalid(input, `it is longer than ${MAX_INPUT_LENGTH} characters`);
  if (/\s/.test(input) || /[\u0000-\u001f\u007f-\u009f]/.test(input))
    throw invalid(input, "it contains spaces or control characters");
  if (/[^\x21-\x7e]/.test(input)) throw invalid(input, "it contains non-ASCII characters");

  let rest = input;
  let digest: string | undefined;
  const at = rest.indexOf("@");
  if (at !== -1) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
    if (!isValidDigest(digest))
      throw invalid(
        input,
        `"${digest}" is not a valid digest (expected e.g. sha256: followed by 64 lowercase hex digits)`,
      );
  }
  let tag: string | undefined;
  const colon = rest.lastIndexOf(":");
  if (colon > rest.lastIndexOf("/")) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
    if (!TAG.test(tag))
      throw invalid(
        input,
        `"${tag}" is not a valid tag (letters, digits, "_", "." and "-", at most 128, not starting with "." or "-")`,
      );
  }
  if (rest === "") throw invalid(input, "the repository name is missing");
  if (HEX64.test(rest))
    throw invalid(input, "a 64-character hex string is an image ID, not a repository name");

  const { registry, repository } = splitDomain(rest);
  if (registry !== DEFAULT_REGISTRY) validateDomain(input, registry);
  if (repository.toLowerCase() !== repository)
    throw invalid(input, `the repository name "${repository}" must be lowercase`);
  for (const part of repository.split("/")) {
    if (!PATH_COMPONENT.test(part)) {
      throw invalid(
        input,
        part === ""
          ? "the repository path has an empty component"
          : `"${part}" is not a valid repository path component (lowercase letters, digits and single separators ".", "_", "__", "-")`,
      );
    }
  }
  if (registry.length + 1 + repository.length > MAX_NAME_LENGTH)
    throw invalid(input, `the repository name is longer than ${MAX_NAME_LENGTH} characters`);
  // Like ParseDockerRef: the digest pins the content, so a tag beside it would only mislead.
  if (digest) tag = undefined;
  else if (!tag) tag = "latest";
  return makeReference(registry, repository, tag, digest);
}

export function makeReference(
  registry: string,
  repository: string,
  tag?: string,
  digest?: string,
): ImageReference {
  const name = `${registry}/${repository}`;
  const text = `${name}${tag ? `:${tag}` : ""}${digest ? `@${digest}` : ""}`;
  return { registry, repository, tag, digest, toString: () => text };
}

/** What to ask the registry for: the digest when known (it wins), else the tag. */
export function referenceTarget(ref: Pick<ImageReference, "tag" | "digest">): string {
  return ref.digest ?? ref.tag ?? "latest";
}
