import { describe, expect, it } from "vitest";
import { engineMessage, pullError } from "./engine-errors";

// Messages as Docker Engine 20.10 sends them (captured from the local engine and Docker Hub answers).
const cases: [string, string][] = [
  ["manifest for 127.0.0.1:5731/a/b:nope not found: manifest unknown: manifest unknown", "ImageNotFound"],
  [
    "pull access denied for nosuch, repository does not exist or may require 'docker login': denied: requested access to the resource is denied",
    "ImageNotFound",
  ],
  ['Head "https://r.example/v2/a/manifests/1": unauthorized: authentication required', "AuthRequired"],
  ["denied: requested access to the resource is denied", "AuthDenied"],
  ["toomanyrequests: You have reached your pull rate limit.", "RateLimited"],
  ["no matching manifest for linux/s390x in the manifest list entries", "PlatformNotFound"],
  [
    'Get "http://127.0.0.1:5999/v2/": dial tcp 127.0.0.1:5999: connect: connection refused',
    "RegistryUnreachable",
  ],
  ["invalid reference format: repository name must be lowercase", "InvalidReference"],
  ["received unexpected HTTP status: 502 Bad Gateway", "RegistryError"],
];

describe("pullError", () => {
  it.each(cases)("maps %s", (message, kind) => {
    const error = pullError("some/image:1", new Error(message));
    expect(error.kind).toBe(kind);
    expect(error.message).toBe(`Pulling some/image:1 failed: ${message}`);
  });
});

describe("engineMessage", () => {
  it("drops docker-modem's HTTP prefix and prefers the JSON body", () => {
    expect(engineMessage(new Error("(HTTP code 404) unexpected - manifest unknown "))).toBe(
      "manifest unknown",
    );
    const withJson = Object.assign(new Error("(HTTP code 404) no such image - x"), {
      json: { message: "No such image: x" },
    });
    expect(engineMessage(withJson)).toBe("No such image: x");
  });
});
