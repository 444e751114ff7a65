import { describe, expect, it } from "vitest";
import { BasescopeError } from "../errors";
import {
  formatPlatform,
  normalizePlatform,
  parsePlatform,
  platformCompatible,
  samePlatform,
} from "./platform";

describe("parsePlatform + formatPlatform follow containerd's normalisation", () => {
  it.each([
    ["linux/amd64", "linux/amd64"],
    ["linux/x86_64", "linux/amd64"],
    ["linux/x86-64", "linux/amd64"],
    ["linux/amd64/v1", "linux/amd64"],
    ["linux/amd64/v3", "linux/amd64/v3"],
    ["linux/arm64", "linux/arm64"],
    ["linux/arm64/v8", "linux/arm64"],
    ["linux/aarch64", "linux/arm64"],
    ["linux/aarch64/8", "linux/arm64"],
    ["linux/arm64/v9", "linux/arm64/v9"],
    ["linux/arm", "linux/arm/v7"],
    ["linux/arm/7", "linux/arm/v7"],
    ["linux/arm/v6", "linux/arm/v6"],
    ["linux/arm/6", "linux/arm/v6"],
    ["linux/armhf", "linux/arm/v7"],
    ["linux/armel", "linux/arm/v6"],
    ["linux/i386", "linux/386"],
    ["linux/386", "linux/386"],
    ["LINUX/AMD64", "linux/amd64"],
    ["linux/s390x", "linux/s390x"],
    ["linux/ppc64le", "linux/ppc64le"],
    ["linux/riscv64", "linux/riscv64"],
    ["arm64", "linux/arm64"],
    ["aarch64", "linux/arm64"],
    ["linux", "linux/amd64"],
    ["windows/amd64", "windows/amd64"],
    ["macos/arm64", "darwin/arm64"],
    [" linux/arm64 ", "linux/arm64"],
  ])("%s → %s", (input, expected) => {
    expect(formatPlatform(parsePlatform(input))).toBe(expected);
  });

  it.each([
    [""],
    ["linux/"],
    ["/amd64"],
    ["linux/amd64/v8/x"],
    ["linux/am d64"],
    ["linux/ämd64"],
    ["linux/\u0000"],
    ["x".repeat(500)],
  ])("rejects %j", (input) => {
    expect(() => parsePlatform(input)).toThrow(BasescopeError);
    try {
      parsePlatform(input);
    } catch (e) {
      expect((e as BasescopeError).kind).toBe("InvalidInput");
    }
  });

  it("normalises platform objects from index entries and configs", () => {
    expect(normalizePlatform({ os: "linux", architecture: "arm64", variant: "v8" })).toEqual({
      os: "linux",
      architecture: "arm64",
    });
    expect(normalizePlatform({ os: "linux", architecture: "arm" })).toEqual({
      os: "linux",
      architecture: "arm",
      variant: "v7",
    });
    expect(normalizePlatform({ architecture: "amd64" })).toEqual({ os: "linux", architecture: "amd64" });
    expect(
      samePlatform(
        { os: "linux", architecture: "aarch64" },
        { os: "linux", architecture: "arm64", variant: "v8" },
      ),
    ).toBe(true);
    expect(
      samePlatform({ os: "linux", architecture: "arm", variant: "v6" }, { os: "linux", architecture: "arm" }),
    ).toBe(false);
  });
});

describe("platformCompatible", () => {
  it.each([
    ["linux/arm/v7", "linux/arm/v6", true],
    ["linux/arm/v7", "linux/arm/v5", true],
    ["linux/arm/v6", "linux/arm/v7", false],
    ["linux/amd64/v3", "linux/amd64", true],
    ["linux/amd64/v3", "linux/amd64/v2", true],
    ["linux/amd64", "linux/amd64/v2", false],
    ["linux/arm64", "linux/arm64/v8", true],
    ["linux/arm64", "linux/amd64", false],
    ["linux/amd64", "windows/amd64", false],
  ])("%s runs %s: %s", (wanted, offered, ok) => {
    expect(platformCompatible(parsePlatform(wanted), parsePlatform(offered))).toBe(ok);
  });
});
