import { describe, expect, it } from "vitest";
import { BasescopeError } from "../errors";
import { parseReference } from "./reference";

const D = `sha256:${"a".repeat(64)}`;

describe("parseReference normalises like distribution/reference", () => {
  it.each([
    ["alpine", "docker.io", "library/alpine", "latest", undefined, "docker.io/library/alpine:latest"],
    ["alpine:3.22", "docker.io", "library/alpine", "3.22", undefined, "docker.io/library/alpine:3.22"],
    ["library/alpine", "docker.io", "library/alpine", "latest", undefined, "docker.io/library/alpine:latest"],
    [
      "docker.io/alpine",
      "docker.io",
      "library/alpine",
      "latest",
      undefined,
      "docker.io/library/alpine:latest",
    ],
    [
      "index.docker.io/library/alpine:edge",
      "docker.io",
      "library/alpine",
      "edge",
      undefined,
      "docker.io/library/alpine:edge",
    ],
    [
      "index.docker.io/alpine",
      "docker.io",
      "library/alpine",
      "latest",
      undefined,
      "docker.io/library/alpine:latest",
    ],
    ["bitnami/redis:7", "docker.io", "bitnami/redis", "7", undefined, "docker.io/bitnami/redis:7"],
    ["ghcr.io/owner/app:v1.2", "ghcr.io", "owner/app", "v1.2", undefined, "ghcr.io/owner/app:v1.2"],
    [
      "gcr.io/distroless/static-debian12:nonroot",
      "gcr.io",
      "distroless/static-debian12",
      "nonroot",
      undefined,
      "gcr.io/distroless/static-debian12:nonroot",
    ],
    ["localhost/foo", "localhost", "foo", "latest", undefined, "localhost/foo:latest"],
    ["localhost:5000/foo/bar:t", "localhost:5000", "foo/bar", "t", undefined, "localhost:5000/foo/bar:t"],
    ["127.0.0.1:5731/a/b/c", "127.0.0.1:5731", "a/b/c", "latest", undefined, "127.0.0.1:5731/a/b/c:latest"],
    ["[::1]:5000/foo", "[::1]:5000", "foo", "latest", undefined, "[::1]:5000/foo:latest"],
    ["Registry/foo", "Registry", "foo", "latest", undefined, "Registry/foo:latest"],
    ["myhost:5000/foo", "myhost:5000", "foo", "latest", undefined, "myhost:5000/foo:latest"],
    [
      "localhost:5000",
      "docker.io",
      "library/localhost",
      "5000",
      undefined,
      "docker.io/library/localhost:5000",
    ],
    [`alpine@${D}`, "docker.io", "library/alpine", undefined, D, `docker.io/library/alpine@${D}`],
    [`alpine:3.22@${D}`, "docker.io", "library/alpine", undefined, D, `docker.io/library/alpine@${D}`],
    [`quay.io/a/b:1@${D}`, "quay.io", "a/b", undefined, D, `quay.io/a/b@${D}`],
    [
      "a__b/c-d--e.f_g:_T.a-g",
      "docker.io",
      "a__b/c-d--e.f_g",
      "_T.a-g",
      undefined,
      "docker.io/a__b/c-d--e.f_g:_T.a-g",
    ],
    [
      `x:${"t".repeat(128)}`,
      "docker.io",
      "library/x",
      "t".repeat(128),
      undefined,
      `docker.io/library/x:${"t".repeat(128)}`,
    ],
  ])("%s", (input, registry, repository, tag, digest, text) => {
    const ref = parseReference(input);
    expect({ registry: ref.registry, repository: ref.repository, tag: ref.tag, digest: ref.digest }).toEqual({
      registry,
      repository,
      tag,
      digest,
    });
    expect(ref.toString()).toBe(text);
    expect(String(ref)).toBe(text);
    // Normalising the normalised form changes nothing.
    expect(parseReference(text).toString()).toBe(text);
  });
});

describe("parseReference rejects what docker rejects, saying why", () => {
  it.each([
    ["", /empty/],
    ["   ", /empty/],
    ["Alpine", /must be lowercase/],
    ["docker.io/Library/alpine", /must be lowercase/],
    ["ghcr.io/Owner/app", /must be lowercase/],
    ["alpine:", /not a valid tag/],
    ["alpine:-x", /not a valid tag/],
    ["alpine:.x", /not a valid tag/],
    [`alpine:${"t".repeat(129)}`, /not a valid tag/],
    // "alpine:a" before the first "/" is a host with a bad port, as distribution reads it.
    ["alpine:a/b", /port "a" must be a number/],
    ["alpine@sha256:abc", /not a valid digest/],
    [`alpine@sha256:${"A".repeat(64)}`, /not a valid digest/],
    [`alpine@md5:${"a".repeat(32)}`, /not a valid digest/],
    [`alpine@${D}@${D}`, /not a valid digest/],
    ["@" + D, /repository name is missing/],
    [":tag", /repository name is missing/],
    ["a//b", /empty component/],
    ["/alpine", /empty component|not a valid registry host/],
    ["alpine/", /empty component/],
    ["a-/b", /not a valid repository path component/],
    ["_a", /not a valid repository path component/],
    ["a...b", /not a valid repository path component/],
    ["a___b", /not a valid repository path component/],
    ["host:port/foo", /port "port" must be a number/],
    ["-bad.host/foo", /not a valid registry host/],
    ["a".repeat(64).replace(/a/g, "f"), /image ID/],
    ["alpine 3", /spaces or control characters/],
    ["alp\u0000ine", /spaces or control characters/],
    ["alp\u001bine:\u0007", /spaces or control characters/],
    ["alpïne", /non-ASCII/],
    ["ａｌｐｉｎｅ", /non-ASCII/],
    ["alpine\u200b", /non-ASCII/],
    ["🐳/whale", /non-ASCII/],
    [`docker.io/${"a".repeat(250)}`, /longer than 255/],
    ["a/".repeat(5000) + "b", /longer than 1024/],
  ])("case %# rejects with %s", (input, why) => {
    let caught: unknown;
    try {
      parseReference(input);
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(BasescopeError);
    const err = caught as BasescopeError;
    expect(err.kind).toBe("InvalidReference");
    expect(err.message).toMatch(why);
    // Messages stay short and printable whatever the input.
    expect(err.message.length).toBeLessThan(400);
    expect(err.message).not.toMatch(/[\u0000-\u001f]/);
  });

  it("rejects non-string input without crashing", () => {
    expect(() => parseReference(undefined as unknown as string)).toThrow(BasescopeError);
  });
});
