import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureFixtures, type Fixtures } from "../../scripts/fixtures";
import { blobPath } from "../../scripts/fixtures/blobs";
import { buildMergedTree, fileCount, filesystemBytes, mergedFiles, scanLayer, wasteFigures } from "./index";

/** What GNU tar itself lists: the independent reading every figure is checked against. */
function tarListing(args: string[]) {
  const out = execFileSync("tar", ["--numeric-owner", "-tv", ...args], {
    maxBuffer: 1 << 28,
    encoding: "utf8",
  });
  let regularBytes = 0;
  let files = 0;
  const sizes = new Map<string, number>();
  for (const line of out.split("\n")) {
    const m = /^(\S)\S*\s+\S+\s+(\d+)\s+\S+\s+\S+\s+(.*)$/.exec(line);
    if (!m) continue;
    const [, type, size, rest] = m;
    const name = rest
      .replace(/ (->|link to) .*$/, "")
      .replace(/^\.?\/+/, "")
      .replace(/\/$/, "");
    if (type === "-") {
      regularBytes += Number(size);
      sizes.set(name, Number(size));
    }
    if (type === "-" || type === "l" || type === "h") files++;
  }
  return { regularBytes, files, sizes };
}

const sh = (cmd: string, ...args: string[]) =>
  execFileSync("sh", ["-c", cmd, ...args], { maxBuffer: 1 << 28 });
const sha256sum = (cmd: string, ...args: string[]) =>
  `sha256:${sh(`${cmd} | sha256sum`, ...args)
    .toString()
    .slice(0, 64)}`;
const docker = (...args: string[]) => execFileSync("docker", args, { encoding: "utf8", maxBuffer: 1 << 28 });

let tmp: string;
let fx: Fixtures<"debian-minbase" | "waste">;
beforeAll(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), "layers-int-"));
  fx = await ensureFixtures(["debian-minbase", "waste"]);
});
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe("scanLayer on real layers", () => {
  it("reads a tar of a host directory as GNU tar, gzip and sha256sum do", async () => {
    const file = path.join(tmp, "zoneinfo.tar.gz");
    execFileSync("tar", ["-C", "/usr/share", "-czf", file, "zoneinfo"]);
    const scan = await scanLayer(fs.createReadStream(file), { digest: sha256sum('cat "$0"', file) });
    const listed = tarListing(["-zf", file]);
    expect(scan.diffId).toBe(sha256sum('gzip -dc "$0"', file));
    expect(scan.tarBytes).toBe(Number(sh('gzip -dc "$0" | wc -c', file).toString().trim()));
    expect(scan.uncompressedBytes).toBe(listed.regularBytes);
    expect(scan.fileCount).toBe(listed.files);
  });

  it("reads the Debian minbase root filesystem layer, its os-release and dpkg database", async () => {
    const layer = fx.records["debian-minbase"].layers[0];
    const blob = blobPath(layer.digest);
    const scan = await scanLayer(fs.createReadStream(blob), {
      digest: layer.digest,
      mediaType: layer.mediaType,
    });
    const listed = tarListing(["-zf", blob]);
    expect(scan.digest).toBe(sha256sum('cat "$0"', blob));
    expect(scan.diffId).toBe(sha256sum('gzip -dc "$0"', blob));
    expect(scan.uncompressedBytes).toBe(listed.regularBytes);
    expect(scan.fileCount).toBe(listed.files);

    const tree = buildMergedTree([scan]);
    expect(fileCount(tree)).toBe(listed.files);
    expect(filesystemBytes(tree)).toBe(listed.regularBytes);
    const osRelease = tree.resolve("/etc/os-release");
    expect(osRelease?.path).toBe("usr/lib/os-release");
    const captured = mergedFiles([scan], tree).get(osRelease!.path)?.toString();
    expect(captured).toBe(sh('tar -xzOf "$0" usr/lib/os-release', blob).toString());

    const admin = path.join(tmp, "dpkg");
    fs.mkdirSync(admin, { recursive: true });
    fs.writeFileSync(path.join(admin, "status"), sh('tar -xzOf "$0" var/lib/dpkg/status', blob));
    const installed = execFileSync("dpkg-query", [`--admindir=${admin}`, "-W", "-f=${db:Status-Abbrev}\\n"], {
      encoding: "utf8",
    })
      .split("\n")
      .filter((s) => s.startsWith("ii")).length;
    const db = scan.packageDbs["var/lib/dpkg/status"];
    expect(db && "packages" in db ? db.packages.length : db).toBe(installed);
  });

  it("merges a multi-layer image to what the engine exports from a container", async () => {
    const record = fx.records.waste;
    const scans = [];
    for (const l of record.layers) scans.push(await scanLayer(fs.createReadStream(blobPath(l.digest)), l));
    const tree = buildMergedTree(scans);

    const ref = fx.images.waste;
    docker("pull", "-q", ref);
    const id = docker("create", ref, "/nothing").trim();
    const exported = path.join(tmp, "export.tar");
    try {
      execFileSync("sh", ["-c", 'docker export "$0" > "$1"', id, exported]);
    } finally {
      docker("rm", id);
    }
    const engine = tarListing(["-f", exported]);
    // The engine adds its own empty mount points (/.dockerenv, /etc/hosts, ...): zero bytes each.
    expect(filesystemBytes(tree)).toBe(engine.regularBytes);
    for (const [p, node] of tree.nodes)
      if (node.kind === "file") expect([p, engine.sizes.get(p)]).toEqual([p, node.size]);
    for (const [p, size] of engine.sizes) if (size > 0) expect(tree.nodes.get(p)?.size).toBe(size);
    const w = wasteFigures(scans);
    expect(w.wastedBytes).toBeGreaterThan(0);
    expect(w.efficiency).toBeLessThan(1);
  });
});
