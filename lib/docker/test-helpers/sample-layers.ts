import { makeTar } from "./images";

/** Text that compresses like real files do (neither all zeros nor random), different per seed. */
export function textBytes(size: number, seed: number): Buffer {
  const words = ["alpha", "beta", "gamma", "delta", "layer", "image", "base", "scope", "tar", "size"];
  const parts: string[] = [];
  let n = seed;
  let length = 0;
  while (length < size) {
    n = (n * 1103515245 + 12345) % 2147483648;
    const word = words[n % words.length] + (n % 7 === 0 ? "\n" : " ");
    parts.push(word);
    length += word.length;
  }
  return Buffer.from(parts.join("")).subarray(0, size);
}

/** A base-image-like layer: directories, files, a symlink and a hard link. */
export function baseLayer(seed = 1): Promise<Buffer> {
  return makeTar([
    { name: "etc", type: "directory" },
    { name: "etc/os-release", body: `ID=basescope-test\nVERSION_ID=${seed}\n` },
    { name: "bin", type: "directory" },
    { name: "bin/tool", body: textBytes(40_000, seed), mode: 0o755 },
    { name: "bin/tool-link", type: "symlink", linkname: "tool" },
    { name: "bin/tool-hard", type: "link", linkname: "bin/tool" },
  ]);
}

export function docLayer(seed = 2): Promise<Buffer> {
  return makeTar([
    { name: "usr", type: "directory" },
    { name: "usr/share", type: "directory" },
    { name: "usr/share/doc", type: "directory" },
    { name: "usr/share/doc/readme", body: textBytes(25_000, seed) },
  ]);
}
