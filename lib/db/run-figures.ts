import type { AnalysisResult } from "../analysis/types";

/** The columns of a Run that hold an AnalysisResult's summary figures; the rest goes to `details`. */
export function runFigures(r: AnalysisResult) {
  const { layers: _layers, packages: _packages, ...rest } = r;
  void _layers;
  void _packages;
  return {
    digest: r.digest,
    indexDigest: r.indexDigest,
    compressedBytes: BigInt(r.compressedBytes),
    compressedIsEstimate: r.compressedIsEstimate,
    uncompressedBytes: BigInt(r.uncompressedBytes),
    filesystemBytes: BigInt(r.filesystemBytes),
    fileCount: r.fileCount,
    layerCount: r.layers.length,
    packageCount: r.packages.count,
    packageManager: r.packages.manager,
    wastedBytes: BigInt(r.wastedBytes),
    efficiency: r.efficiency,
    osId: r.os.id,
    osVersionId: r.os.versionId,
    osPrettyName: r.os.prettyName,
    libc: r.libc.kind,
    libcVersion: r.libc.version,
    shell: r.shell,
    packageManagerBinary: r.packageManager,
    javaVersion: r.java?.version ?? null,
    javaVendor: r.java?.vendor ?? null,
    javaImageType: r.java?.imageType ?? null,
    javaHome: r.java?.home ?? null,
    javaBytes: r.java ? BigInt(r.java.bytes) : null,
    user: r.user,
    details: JSON.stringify({ ...rest, packageErrors: r.packages.errors }),
  };
}
