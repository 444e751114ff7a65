import { describe, expect, it } from "vitest";
import { formatArchitecture, formatPlatform, parsePlatform } from "./platform";
import { shortDigest, shortReference } from "./reference";

describe("platforms", () => {
  it("parses os/arch/variant", () => {
    expect(parsePlatform("linux/arm/v7")).toEqual({ os: "linux", architecture: "arm", variant: "v7" });
    expect(parsePlatform("linux/amd64")).toEqual({ os: "linux", architecture: "amd64", variant: null });
  });

  it("canonicalises arm64/v8", () => {
    expect(formatPlatform("linux/arm64/v8")).toBe("linux/arm64");
    expect(formatPlatform("Linux/AMD64")).toBe("linux/amd64");
    expect(formatPlatform("linux/arm/v7")).toBe("linux/arm/v7");
    expect(formatPlatform("")).toBe("–");
  });

  it("shortens to the architecture on linux", () => {
    expect(formatArchitecture("linux/arm64/v8")).toBe("arm64");
    expect(formatArchitecture("linux/arm/v6")).toBe("arm/v6");
    expect(formatArchitecture("windows/amd64")).toBe("windows/amd64");
  });
});

describe("references", () => {
  it("drops the default registry", () => {
    expect(shortReference("docker.io/library/alpine:3.22")).toBe("alpine:3.22");
    expect(shortReference("docker.io/eclipse-temurin:21-jre")).toBe("eclipse-temurin:21-jre");
    expect(shortReference("gcr.io/distroless/java21-debian12")).toBe("gcr.io/distroless/java21-debian12");
  });

  it("shortens digests", () => {
    expect(shortDigest("sha256:0123456789abcdef0123")).toBe("sha256:0123456789ab");
    expect(shortDigest(null)).toBe("–");
  });
});
