/**
 * The package view of real fixture images (Debian minbase, distroless-style status.d, Alpine-style apk)
 * scanned by the real layer scanner, against what independent tools read from the same layer tars.
 */
import { execFileSync } from "node:child_process";
import { createReadStream, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureFixtures, type Fixtures } from "../../scripts/fixtures";
import type { LayerScan } from "../analysis/types";
import { isCapturedFile } from "../inspect";
import { createLayerScanner } from "../layers/layer-scanner";
import { attributePackages, packageDbKind, parsePackageDb } from ".";

const scanLayer = createLayerScanner({ isCapturedFile, packageDbKind, parsePackageDb });
let fx: Fixtures<"debian-minbase" | "distroless" | "apk">;
const work = mkdtempSync(path.join(tmpdir(), "basescope-pkgint-"));

beforeAll(async () => {
  fx = await ensureFixtures(["debian-minbase", "distroless", "apk"]);
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

async function scanImage(
  name: "debian-minbase" | "distroless" | "apk",
): Promise<{ scans: LayerScan[]; blobs: string[] }> {
  const blobs = fx.records[name].layers.map((l) =>
    path.join(fx.cacheDir, "blobs", "sha256", l.digest.slice("sha256:".length)),
  );
  const scans: LayerScan[] = [];
  for (const [i, blob] of blobs.entries())
    scans.push(await scanLayer(createReadStream(blob), { digest: fx.records[name].layers[i].digest }));
  return { scans, blobs };
}

/** Extracts paths from a layer blob with tar itself (GNU tar reads gzip and plain tars alike). */
function extract(blob: string, dir: string, ...members: string[]): void {
  execFileSync("tar", ["-xf", blob, "-C", dir, "--wildcards", "--no-anchored", ...members], {
    stdio: "ignore",
  });
}

describe("packages of real fixture images", () => {
  it("Debian minbase: the same installed packages dpkg-query lists", async () => {
    const { scans, blobs } = await scanImage("debian-minbase");
    const r = attributePackages(scans);
    const dir = path.join(work, "debian");
    execFileSync("mkdir", ["-p", dir]);
    extract(blobs[0], dir, "var/lib/dpkg/status");
    const out = execFileSync(
      "dpkg-query",
      [`--admindir=${dir}/var/lib/dpkg`, "-W", "-f=${db:Status-Abbrev}|${Package} ${Version}\\n"],
      {
        encoding: "utf8",
        stdio: ["ignore", "pipe", "ignore"],
      },
    );
    const expected = out
      .split("\n")
      .filter((l) => l[1] === "i")
      .map((l) => l.slice(l.indexOf("|") + 1))
      .sort();
    expect(expected.length).toBeGreaterThan(50);
    expect(r.manager).toBe("dpkg");
    expect(r.items.map((p) => `${p.name} ${p.version}`).sort()).toEqual(expected);
    expect(r.errors).toEqual([]);
  });

  it("distroless: one package per status.d file", async () => {
    const { scans, blobs } = await scanImage("distroless");
    const r = attributePackages(scans);
    const dir = path.join(work, "distroless");
    execFileSync("mkdir", ["-p", dir]);
    extract(blobs[blobs.length - 1], dir, "var/lib/dpkg/status.d");
    const files = readdirSync(path.join(dir, "var/lib/dpkg/status.d")).filter((f) => !f.includes(".md5sums"));
    const expected = files
      .map(
        (f) => /^Package: (.+)$/m.exec(readFileSync(path.join(dir, "var/lib/dpkg/status.d", f), "utf8"))?.[1],
      )
      .sort();
    expect(expected.length).toBeGreaterThan(0);
    expect(r.items.map((p) => p.name).sort()).toEqual(expected);
  });

  it("apk: one package per P: line of lib/apk/db/installed", async () => {
    const { scans, blobs } = await scanImage("apk");
    const r = attributePackages(scans);
    const dir = path.join(work, "apk");
    execFileSync("mkdir", ["-p", dir]);
    extract(blobs[blobs.length - 1], dir, "lib/apk/db/installed");
    const text = readFileSync(path.join(dir, "lib/apk/db/installed"), "utf8");
    const expected = [...text.matchAll(/^P:(.+)$/gm)].map((m) => m[1]).sort();
    expect(r.manager).toBe("apk");
    expect(r.items.map((p) => p.name).sort()).toEqual(expected);
  });
});
