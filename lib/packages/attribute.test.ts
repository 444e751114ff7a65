import { describe, expect, it } from "vitest";
import type { FileEntry, LayerScan, PackageDbScan, PackageRecord } from "../analysis/types";
import { attributePackages } from "./attribute";

function layer(entries: FileEntry[], packageDbs: Record<string, PackageDbScan> = {}): LayerScan {
  return {
    digest: "sha256:0",
    diffId: "sha256:0",
    compression: "none",
    compressedBytes: 0,
    tarBytes: 0,
    uncompressedBytes: 0,
    fileCount: 0,
    entries,
    files: {},
    packageDbs,
  };
}
const file = (path: string): FileEntry => ({ path, kind: "file", size: 1, mode: 0o644 });
const dpkg = (...packages: PackageRecord[]): PackageDbScan => ({
  manager: "dpkg",
  format: "dpkg-status",
  packages,
});
const pkg = (name: string, version: string, arch = "amd64"): PackageRecord => ({ name, version, arch });
const STATUS = "var/lib/dpkg/status";

describe("attributePackages", () => {
  it("attributes each package to the layer that installed its current version", () => {
    const r = attributePackages([
      layer([file(STATUS)], {
        [STATUS]: dpkg(pkg("base-files", "12"), pkg("libc6", "2.36-1"), pkg("bash", "5.2")),
      }),
      layer([file("app")]),
      layer([file(STATUS)], {
        [STATUS]: dpkg(pkg("base-files", "12"), pkg("libc6", "2.36-9"), pkg("curl", "7.88")),
      }),
    ]);
    expect(r.manager).toBe("dpkg");
    expect(r.items.map((p) => `${p.name}@${p.layerIndex}`)).toEqual(["base-files@0", "curl@2", "libc6@2"]);
    expect(r.perLayer).toEqual([
      { added: ["base-files 12", "bash 5.2", "libc6 2.36-1"], removed: [] },
      { added: [], removed: [] },
      { added: ["curl 7.88", "libc6 2.36-9"], removed: ["bash 5.2"] },
    ]);
    expect(r.errors).toEqual([]);
  });

  it("unions status and status.d files and keeps architectures apart", () => {
    const r = attributePackages([
      layer([], {
        [STATUS]: dpkg(pkg("libc6", "2.36", "amd64")),
        "var/lib/dpkg/status.d/libc6": dpkg(pkg("libc6", "2.36", "i386")),
        "var/lib/dpkg/status.d/tzdata": dpkg(pkg("tzdata", "2024a", "all")),
      }),
    ]);
    expect(r.items.map((p) => `${p.name}:${p.arch}`)).toEqual(["libc6:amd64", "libc6:i386", "tzdata:all"]);
  });

  it("drops databases that a later layer whites out, hides with an opaque dir, or replaces a parent of", () => {
    const start = layer([], {
      [STATUS]: dpkg(pkg("a", "1")),
      "var/lib/dpkg/status.d/b": dpkg(pkg("b", "1")),
      "lib/apk/db/installed": {
        manager: "apk",
        format: "apk-installed",
        packages: [pkg("c", "1", "x86_64")],
      },
    });
    const r = attributePackages([
      start,
      layer([{ path: STATUS, kind: "whiteout", size: 0, mode: 0 }]),
      layer([
        { path: "var/lib/dpkg/status.d", kind: "opaque", size: 0, mode: 0 },
        file("var/lib/dpkg/status.d/unrelated"),
      ]),
      layer([{ path: "lib/apk", kind: "symlink", size: 0, mode: 0o777, link: "/x" }]),
    ]);
    expect(r.perLayer.map((l) => l.removed)).toEqual([[], ["a 1"], ["b 1"], ["c 1"]]);
    expect(r.items).toEqual([]);
    expect(r.manager).toBeNull();
  });

  it("a directory whiteout of a parent deletes the database too; a re-added one comes back at its layer", () => {
    const r = attributePackages([
      layer([], {
        "var/lib/rpm/rpmdb.sqlite": {
          manager: "rpm",
          format: "rpm-sqlite",
          packages: [pkg("bash", "5.1-1", "x86_64")],
        },
      }),
      layer([{ path: "var/lib/rpm", kind: "whiteout", size: 0, mode: 0 }]),
      layer([], {
        "var/lib/rpm/rpmdb.sqlite": {
          manager: "rpm",
          format: "rpm-sqlite",
          packages: [pkg("bash", "5.1-1", "x86_64")],
        },
      }),
    ]);
    expect(r.items).toEqual([
      { name: "bash", version: "5.1-1", arch: "x86_64", manager: "rpm", layerIndex: 2 },
    ]);
  });

  it("reports the error of a database that stays in the image, and keeps its manager", () => {
    const r = attributePackages([
      layer([], { "var/lib/rpm/Packages": { manager: "rpm", format: "rpm-bdb", error: "truncated" } }),
    ]);
    expect(r.manager).toBe("rpm");
    expect(r.errors).toEqual(["/var/lib/rpm/Packages (layer 1): truncated"]);
  });
});
