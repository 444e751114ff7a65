import { describe, expect, it } from "vitest";
import type { FileEntry, LayerScan } from "../analysis/types";
import { buildMergedTree, fileCount, filesystemBytes } from "./merged-tree";
import { largestFiles, mergedFiles } from "./tree-views";

const f = (path: string, size = 0): FileEntry => ({ path, kind: "file", size, mode: 0o644 });
const d = (path: string): FileEntry => ({ path, kind: "dir", size: 0, mode: 0o755 });
const l = (path: string, link: string): FileEntry => ({ path, kind: "symlink", size: 0, mode: 0o777, link });
const h = (path: string, link: string): FileEntry => ({ path, kind: "hardlink", size: 0, mode: 0o644, link });
const wh = (path: string): FileEntry => ({ path, kind: "whiteout", size: 0, mode: 0 });
const opq = (path: string): FileEntry => ({ path, kind: "opaque", size: 0, mode: 0 });

function layer(entries: FileEntry[], files: Record<string, string> = {}): LayerScan {
  const regular = entries.filter((e) => e.kind === "file");
  return {
    digest: "sha256:x",
    diffId: "sha256:y",
    compression: "gzip",
    compressedBytes: 0,
    tarBytes: 0,
    uncompressedBytes: regular.reduce((n, e) => n + e.size, 0),
    fileCount: regular.length,
    entries,
    files,
    packageDbs: {},
  };
}

const paths = (scans: LayerScan[]) => [...buildMergedTree(scans).nodes.keys()].sort();

describe("buildMergedTree", () => {
  it("lets a whiteout delete a lower file or a whole lower directory", () => {
    const scans = [
      layer([d("etc"), f("etc/motd", 10), f("etc/keep", 1), d("var"), d("var/cache"), f("var/cache/a", 5)]),
      layer([wh("etc/motd"), wh("var/cache")]),
    ];
    expect(paths(scans)).toEqual(["etc", "etc/keep", "var"]);
  });

  it("never lets a whiteout delete what its own layer adds", () => {
    // tar order puts the new file before the whiteout; the whiteout must still only hit lower layers
    const scans = [layer([f("a", 3)]), layer([f("a", 7), wh("a")])];
    const tree = buildMergedTree(scans);
    expect(tree.nodes.get("a")).toMatchObject({ size: 7, layerIndex: 1 });
  });

  it("applies an opaque marker before the layer's own entries", () => {
    const scans = [
      layer([d("opt"), f("opt/old", 1), d("opt/sub"), f("opt/sub/deep", 1), f("optional", 2)]),
      layer([f("opt/new", 4), opq("opt")]),
    ];
    expect(paths(scans)).toEqual(["opt", "opt/new", "optional"]);
  });

  it("removes a directory's subtree when a non-directory replaces it, even with unlisted parents", () => {
    const scans = [layer([f("srv/www/html/index.html", 100), f("srv/www/x", 1)]), layer([f("srv/www", 9)])];
    expect(paths(scans)).toEqual(["srv/www"]);
    const again = [layer([f("srv/www/html/index.html", 100)]), layer([wh("srv")])];
    expect(paths(again)).toEqual([]);
  });

  it("counts each hard-link group once, also when the linked name was deleted later", () => {
    const base = layer([f("usr/bin/perl", 1000), h("usr/bin/perl5.36", "usr/bin/perl"), f("x", 1)]);
    const tree = buildMergedTree([base]);
    expect(filesystemBytes(tree)).toBe(1001);
    expect(fileCount(tree)).toBe(3);
    const removed = buildMergedTree([base, layer([wh("usr/bin/perl")])]);
    expect(filesystemBytes(removed)).toBe(1001);
    const replaced = buildMergedTree([base, layer([f("usr/bin/perl", 10)])]);
    expect(filesystemBytes(replaced)).toBe(1011);
    const allGone = buildMergedTree([base, layer([wh("usr")])]);
    expect(filesystemBytes(allGone)).toBe(1);
  });

  it("resolves symlinks inside the image root", () => {
    const tree = buildMergedTree([
      layer([
        d("usr"),
        d("usr/bin"),
        f("usr/bin/dash", 100),
        l("usr/bin/sh", "dash"),
        l("bin", "usr/bin"),
        d("usr/lib"),
        f("usr/lib/os-release", 50),
        d("etc"),
        l("etc/os-release", "../usr/lib/os-release"),
        l("etc/abs", "/usr/lib/os-release"),
        l("etc/escape", "../../../../usr/lib/os-release"),
        l("loop-a", "loop-b"),
        l("loop-b", "/loop-a"),
        l("self", "self/x"),
        l("dangling", "nowhere"),
        l("etc/alternatives", "/etc"),
        l("up", ".."),
      ]),
    ]);
    expect(tree.resolve("/bin/sh")).toMatchObject({ path: "usr/bin/dash", size: 100 });
    expect(tree.resolve("bin/sh")?.path).toBe("usr/bin/dash");
    expect(tree.resolve("/etc/os-release")?.path).toBe("usr/lib/os-release");
    expect(tree.resolve("/etc/abs")?.path).toBe("usr/lib/os-release");
    expect(tree.resolve("/etc/escape")?.path).toBe("usr/lib/os-release");
    // ".." after a symlinked directory leaves the directory it points to, as the kernel does: /usr/etc
    expect(tree.resolve("/bin/../etc/os-release")).toBeUndefined();
    expect(tree.resolve("/bin/../lib/os-release")?.path).toBe("usr/lib/os-release");
    expect(tree.resolve("/etc/alternatives/alternatives/alternatives/os-release")?.path).toBe(
      "usr/lib/os-release",
    );
    expect(tree.resolve("/up/up/usr/bin/dash")?.path).toBe("usr/bin/dash");
    expect(tree.resolve("/loop-a")).toBeUndefined();
    expect(tree.resolve("/self")).toBeUndefined();
    expect(tree.resolve("/dangling")).toBeUndefined();
    expect(tree.resolve("/usr/bin/missing")).toBeUndefined();
  });

  it("lists the largest surviving files with absolute paths", () => {
    const tree = buildMergedTree([layer([f("a", 5), f("b", 50), f("c", 500)]), layer([wh("c"), f("d", 7)])]);
    expect(largestFiles(tree, 2)).toEqual([
      { path: "/b", bytes: 50, layerIndex: 0 },
      { path: "/d", bytes: 7, layerIndex: 1 },
    ]);
  });

  it("returns captured files as the final image has them", () => {
    const b64 = (s: string) => Buffer.from(s).toString("base64");
    const scans = [
      layer([f("etc/os-release", 3), f("etc/issue", 2), f("etc/gone", 1)], {
        "etc/os-release": b64("old"),
        "etc/issue": b64("hi"),
        "etc/gone": b64("x"),
      }),
      layer([f("etc/os-release", 3), h("etc/issue.net", "etc/os-release"), wh("etc/gone")], {
        "etc/os-release": b64("new"),
      }),
    ];
    const files = mergedFiles(scans, buildMergedTree(scans));
    expect(Object.fromEntries([...files].map(([k, v]) => [k, v.toString()]))).toEqual({
      "etc/os-release": "new",
      "etc/issue": "hi",
      "etc/issue.net": "new",
    });
  });
});
