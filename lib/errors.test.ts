import { describe, expect, it } from "vitest";
import { BasescopeError, exitCodeFor, toBasescopeError } from "./errors";

describe("errors", () => {
  it("maps kinds to the CLI's documented exit codes", () => {
    expect(exitCodeFor("InvalidReference")).toBe(2);
    expect(exitCodeFor("ImageNotFound")).toBe(3);
    expect(exitCodeFor("AuthRequired")).toBe(4);
    expect(exitCodeFor("AuthDenied")).toBe(4);
    expect(exitCodeFor("RegistryUnreachable")).toBe(5);
    expect(exitCodeFor("DaemonUnavailable")).toBe(5);
    expect(exitCodeFor("DigestMismatch")).toBe(1);
  });

  it("marks only network-ish failures as worth retrying", () => {
    expect(new BasescopeError("RateLimited", "x").transient).toBe(true);
    expect(new BasescopeError("RegistryError", "x").transient).toBe(true);
    expect(new BasescopeError("ImageNotFound", "x").transient).toBe(false);
    expect(new BasescopeError("DigestMismatch", "x").transient).toBe(false);
  });

  it("wraps unknown throws as Internal and aborts as Cancelled", () => {
    expect(toBasescopeError(new Error("boom")).kind).toBe("Internal");
    const abort = new Error("aborted");
    abort.name = "AbortError";
    expect(toBasescopeError(abort).kind).toBe("Cancelled");
  });
});
