import { createHash } from "node:crypto";
import type { AnalysisResult, PackageResult } from "../../lib/analysis/types";

/**
 * Made-up but full-sized results for seeding a benchmark database: every field the dashboard reads,
 * strings as long as real ones, so list and export queries move realistic bytes.
 */

const FAMILIES = ["debian", "ubuntu", "alpine", "distroless", "rhel", "temurin", "corretto", "other"];
const sha = (s: string) => `sha256:${createHash("sha256").update(s).digest("hex")}`;

export function syntheticReference(i: number): { reference: string; family: string; labels: string[] } {
  const family = FAMILIES[i % FAMILIES.length];
  const java = family === "temurin" || family === "corretto";
  return {
    reference: `docker.io/bench/${family}-image-${String(i).padStart(4, "0")}:${1 + (i % 7)}.${i % 13}`,
    family,
    labels: java ? ["java"] : [],
  };
}

function packages(i: number, count: number, layers: number): PackageResult[] {
  return Array.from({ length: count }, (_, p) => ({
    manager: "dpkg",
    name: `lib${["ssl", "c6", "zstd", "gcc-s", "pcre2", "systemd", "xxhash"][p % 7]}-bench${p}`,
    version: `${1 + (p % 9)}.${p % 31}.${i % 17}-${p % 5}+deb12u${p % 4}`,
    arch: "amd64",
    installedBytes: 4096 * (1 + ((p * 37 + i) % 997)),
    source: `src-bench${p}`,
    license: p % 3 ? "GPL-2.0-or-later" : "LGPL-2.1-or-later AND MIT",
    layerIndex: p % layers,
  }));
}

export function syntheticResult(i: number, layerCount: number, packageCount: number): AnalysisResult {
  const { reference } = syntheticReference(i);
  const items = packages(i, packageCount, layerCount);
  const java = i % 8 === 5 || i % 8 === 6;
  const layers = Array.from({ length: layerCount }, (_, l) => ({
    index: l,
    digest: sha(`${i}/${l}/blob`),
    diffId: sha(`${i}/${l}/tar`),
    mediaType: "application/vnd.oci.image.layer.v1.tar+gzip",
    compressedBytes: 3_000_000 + ((i * 7919 + l * 104729) % 40_000_000),
    uncompressedBytes: 8_000_000 + ((i * 7919 + l * 104729) % 90_000_000),
    fileCount: 200 + ((i + l * 31) % 4000),
    createdBy: `/bin/sh -c #(nop) RUN apt-get update && apt-get install -y --no-install-recommends step-${l}`,
    created: "2025-01-01T00:00:00Z",
    packagesAdded: items.filter((p) => p.layerIndex === l).map((p) => p.name),
    packagesRemoved: [],
  }));
  const sum = (f: (l: (typeof layers)[number]) => number) => layers.reduce((s, l) => s + f(l), 0);
  return {
    reference,
    digest: sha(`${i}/manifest`),
    indexDigest: sha(`${i}/index`),
    platform: "linux/amd64",
    availablePlatforms: ["linux/amd64", "linux/arm64", "linux/arm/v7"],
    source: "registry",
    created: "2025-01-01T00:00:00Z",
    compressedBytes: sum((l) => l.compressedBytes),
    compressedIsEstimate: false,
    uncompressedBytes: sum((l) => l.uncompressedBytes),
    filesystemBytes: Math.round(sum((l) => l.uncompressedBytes) * 0.93),
    fileCount: sum((l) => l.fileCount),
    wastedBytes: (i * 4099) % 3_000_000,
    efficiency: 0.93 + (i % 7) / 100,
    userWastedPercent: (i % 5) / 100,
    layers,
    packages: { manager: "dpkg", count: items.length, items, errors: [] },
    os: { id: "debian", versionId: "12", prettyName: "Debian GNU/Linux 12 (bookworm)" },
    libc: { kind: "glibc", version: "2.36" },
    shell: "/bin/sh",
    packageManager: "/usr/bin/dpkg",
    java: java
      ? {
          version: "21.0.5",
          vendor: "Eclipse Adoptium",
          imageType: "JRE",
          home: "/opt/java",
          bytes: 52_000_000,
        }
      : null,
    user: i % 3 ? "root" : "65532",
    entrypoint: null,
    cmd: ["bash"],
    exposedPorts: i % 4 ? [] : ["8080/tcp"],
    setuidCount: i % 6,
    largestFiles: Array.from({ length: 20 }, (_, f) => ({
      path: `usr/lib/x86_64-linux-gnu/libbench-${f}.so.${i % 9}`,
      bytes: 9_000_000 - f * 300_000,
      layerIndex: f % layerCount,
    })),
    wastedPaths: Array.from({ length: 8 }, (_, w) => ({
      path: `var/lib/apt/lists/part-${w}`,
      bytes: 40_000 * (w + 1),
      occurrences: 2,
    })),
    notes: [],
  };
}
