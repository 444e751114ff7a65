const CAPTURED = new Set([
  "etc/os-release",
  "usr/lib/os-release",
  "etc/redhat-release",
  "etc/centos-release",
  "etc/alpine-release",
  "etc/debian_version",
  "etc/lsb-release",
]);

/**
 * Whether the layer scanner should keep a file's bytes (it caps each at 64 KiB). Any file called
 * `release` below a directory counts, because JDK/JRE homes live anywhere (usr/lib/jvm/*, opt/java/*,
 * opt/*, usr/java/*, custom paths) and the files are tiny; inspection checks for JAVA_VERSION later.
 */
export function isCapturedFile(path: string): boolean {
  if (CAPTURED.has(path)) return true;
  return path.endsWith("/release") && path.length > "/release".length;
}
