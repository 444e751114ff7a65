import { describe, expect, it } from "vitest";
import { parseRetryAfter, rateLimitNote, responseError } from "./errors";

const ctx = { registry: "reg.example", what: "reg.example/a/b:1" };
const body = (code: string, message = "m") => JSON.stringify({ errors: [{ code, message, detail: null }] });

describe("responseError maps statuses and registry codes to kinds", () => {
  it.each([
    [
      404,
      body("MANIFEST_UNKNOWN"),
      "ImageNotFound",
      /reg\.example\/a\/b:1 was not found on registry reg\.example: no such tag or digest/,
    ],
    [404, body("NAME_UNKNOWN"), "ImageNotFound", /repository does not exist/],
    [404, "", "ImageNotFound", /was not found/],
    [400, body("MANIFEST_UNKNOWN"), "ImageNotFound", /was not found/],
    [
      401,
      body("UNAUTHORIZED", "authentication required"),
      "AuthRequired",
      /docker login reg\.example.*registry said: authentication required/,
    ],
    [403, "", "AuthDenied", /denied access to reg\.example\/a\/b:1/],
    [401, body("DENIED"), "AuthDenied", /denied/],
    [429, body("TOOMANYREQUESTS"), "RateLimited", /limiting requests/],
    [500, "oops", "RegistryError", /server error \(HTTP 500\).*temporary/],
    [503, "", "RegistryError", /HTTP 503/],
    [418, "", "RegistryError", /HTTP 418/],
  ])("%i %s → %s", (status, text, kind, message) => {
    const e = responseError(status, new Headers(), text, ctx);
    expect(e.kind).toBe(kind);
    expect(e.message).toMatch(message);
  });

  it("marks 5xx transient and other 4xx not", () => {
    expect(responseError(502, new Headers(), "", ctx).transient).toBe(true);
    expect(responseError(400, new Headers(), "", ctx).transient).toBe(false);
  });

  it("says when the credentials from the Docker config were rejected", () => {
    expect(responseError(401, new Headers(), "", { ...ctx, usedCredentials: true }).message).toMatch(
      /credentials in your Docker config for reg\.example were not accepted/,
    );
  });

  it("carries Retry-After and the rate-limit headers", () => {
    const h = new Headers({
      "retry-after": "42",
      "ratelimit-limit": "100;w=21600",
      "ratelimit-remaining": "0;w=21600",
    });
    const e = responseError(429, h, "", ctx);
    expect(e.retryAfterSeconds).toBe(42);
    expect(e.transient).toBe(true);
    expect(e.message).toMatch(/Try again in 42 s\. Registry pull allowance: 0 of 100 pulls left per 6 h\./);
  });

  it("cleans and shortens what the registry says", () => {
    const e = responseError(500, new Headers(), body("X", "a\u0000b\nc" + "z".repeat(500)), ctx);
    expect(e.message).not.toMatch(/[\u0000-\u001f]/);
    expect(e.message.length).toBeLessThan(400);
  });
});

describe("parseRetryAfter / rateLimitNote", () => {
  it("reads seconds and HTTP dates", () => {
    const now = Date.parse("2025-01-01T00:00:00Z");
    expect(parseRetryAfter("120", now)).toBe(120);
    expect(parseRetryAfter("Wed, 01 Jan 2025 00:01:30 GMT", now)).toBe(90);
    expect(parseRetryAfter("Tue, 31 Dec 2024 00:00:00 GMT", now)).toBe(0);
    expect(parseRetryAfter("soon", now)).toBeUndefined();
    expect(parseRetryAfter(null, now)).toBeUndefined();
  });
  it("is absent without the headers", () => {
    expect(rateLimitNote(new Headers())).toBeUndefined();
    expect(rateLimitNote(new Headers({ "ratelimit-remaining": "20;w=21600" }))).toBe(
      "Registry pull allowance: 20 pulls left per 6 h.",
    );
  });
});
