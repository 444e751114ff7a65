import { describe, expect, it } from "vitest";
import { BasescopeError } from "../errors";
import { redactError, redactText } from "./redact";

describe("redactText", () => {
  it("replaces every secret we sent, longest first", () => {
    expect(redactText("bad password hunter22 (hunter22!)", ["hunter22", "hunter22!"])).toBe(
      "bad password [redacted] ([redacted])",
    );
  });

  it("removes credentials written into URLs, and leaves ordinary text alone", () => {
    expect(redactText("cannot fetch https://bob:pw@blobs.example/x and http://tok@h:5000/y", [])).toBe(
      "cannot fetch https://[redacted]@blobs.example/x and http://[redacted]@h:5000/y",
    );
    expect(redactText("Registry reg.example:5000 refused user@example.com's pull", ["ab"])).toBe(
      "Registry reg.example:5000 refused user@example.com's pull",
    );
  });
});

describe("redactError", () => {
  it("keeps the kind, wait and transience, and drops a cause that may hold the secret", () => {
    const e = new BasescopeError("RateLimited", "token s3cr3t-token refused", {
      retryAfterSeconds: 7,
      cause: new Error("s3cr3t-token"),
    });
    const out = redactError(e, ["s3cr3t-token"]) as BasescopeError;
    expect(out.message).toBe("token [redacted] refused");
    expect([out.kind, out.retryAfterSeconds, out.transient, out.cause]).toEqual([
      "RateLimited",
      7,
      true,
      undefined,
    ]);
    const clean = new BasescopeError("ImageNotFound", "no such tag");
    expect(redactError(clean, ["s3cr3t-token"])).toBe(clean);
  });
});
