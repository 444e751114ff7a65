import { describe, expect, it } from "vitest";
import { classifyWhiteout, normalizeTarPath } from "./tar-path";
import { zstdWindowSize } from "./decompress";
import { zstd } from "./test-support";

describe("normalizeTarPath", () => {
  it.each([
    ["./usr/bin/", "usr/bin"],
    ["/etc/passwd", "etc/passwd"],
    ["a//b/./c", "a/b/c"],
    ["./", ""],
    ["...", "..."],
    ["..foo/bar", "..foo/bar"],
  ])("%s -> %s", (name, want) => expect(normalizeTarPath(name)).toBe(want));

  it.each(["../x", "a/../b", "a/..", "a\0b"])("refuses %j", (name) =>
    expect(normalizeTarPath(name)).toBeNull(),
  );
});

describe("classifyWhiteout", () => {
  it("tells whiteouts, opaque markers and reserved names apart", () => {
    expect(classifyWhiteout("etc/.wh.motd")).toEqual({ kind: "whiteout", target: "etc/motd" });
    expect(classifyWhiteout(".wh.tmp")).toEqual({ kind: "whiteout", target: "tmp" });
    expect(classifyWhiteout("var/.wh..wh..opq")).toEqual({ kind: "opaque", dir: "var" });
    expect(classifyWhiteout(".wh..wh..opq")).toEqual({ kind: "opaque", dir: "" });
    expect(classifyWhiteout(".wh..wh.plnk")).toEqual({ kind: "reserved" });
    expect(classifyWhiteout(".wh..wh.plnk/1.2")).toEqual({ kind: "reserved" });
    expect(classifyWhiteout("etc/.wh.")).toEqual({ kind: "reserved" });
    expect(classifyWhiteout("etc/x.wh.y")).toEqual({ kind: "plain" });
  });
});

describe("zstdWindowSize", () => {
  it("reads the window the zstd binary declares", () => {
    const streamed = zstd(Buffer.alloc(100), ["--long=27"]);
    expect(zstdWindowSize(streamed)).toBe(2 ** 27);
  });
});
