import { describe, expect, it } from "vitest";
import { parseWwwAuthenticate } from "./challenge";

describe("parseWwwAuthenticate", () => {
  it.each([
    [
      'Bearer realm="https://auth.docker.io/token",service="registry.docker.io",scope="repository:library/alpine:pull"',
      [
        {
          scheme: "bearer",
          params: {
            realm: "https://auth.docker.io/token",
            service: "registry.docker.io",
            scope: "repository:library/alpine:pull",
          },
        },
      ],
    ],
    [
      'Bearer realm="https://ghcr.io/token",service="ghcr.io",scope="repository:a/b:pull,push"',
      [
        {
          scheme: "bearer",
          params: { realm: "https://ghcr.io/token", service: "ghcr.io", scope: "repository:a/b:pull,push" },
        },
      ],
    ],
    [
      "Bearer realm=https://gcr.io/v2/token,service=gcr.io",
      [{ scheme: "bearer", params: { realm: "https://gcr.io/v2/token", service: "gcr.io" } }],
    ],
    [
      'Bearer realm="https://quay.io/v2/auth"',
      [{ scheme: "bearer", params: { realm: "https://quay.io/v2/auth" } }],
    ],
    ['Basic realm="Registry Realm"', [{ scheme: "basic", params: { realm: "Registry Realm" } }]],
    ["Basic", [{ scheme: "basic", params: {} }]],
    [
      'Bearer  realm = "https://r/t" , service="s",  Basic realm="b"',
      [
        { scheme: "bearer", params: { realm: "https://r/t", service: "s" } },
        { scheme: "basic", params: { realm: "b" } },
      ],
    ],
    [
      'BEARER Realm="https://r/t",Error="insufficient_scope"',
      [{ scheme: "bearer", params: { realm: "https://r/t", error: "insufficient_scope" } }],
    ],
    ['Bearer realm="a \\"quoted\\" realm"', [{ scheme: "bearer", params: { realm: 'a "quoted" realm' } }]],
    ['Bearer realm="unterminated', [{ scheme: "bearer", params: { realm: "unterminated" } }]],
    ["", []],
    [",,, ", []],
    ["=oops", [{ scheme: "oops", params: {} }]],
  ])("%s", (header, expected) => {
    expect(parseWwwAuthenticate(header)).toEqual(expected);
  });

  it("survives hostile input quickly", () => {
    const start = Date.now();
    parseWwwAuthenticate('Bearer realm="' + "\\".repeat(100_000));
    parseWwwAuthenticate("=".repeat(100_000));
    parseWwwAuthenticate("a ".repeat(50_000));
    expect(Date.now() - start).toBeLessThan(2000);
  });
});
