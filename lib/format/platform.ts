/** Platform strings as the result stores them: "linux/amd64", "linux/arm64/v8", "linux/arm/v7". */

export type ParsedPlatform = { os: string; architecture: string; variant: string | null };

export function parsePlatform(platform: string): ParsedPlatform {
  const [os = "", architecture = "", variant] = platform.trim().split("/");
  return { os, architecture, variant: variant ? variant : null };
}

/**
 * Canonical text: lower-case, and "arm64/v8" shortened to "arm64" because v8 is the only arm64 variant
 * and indexes spell it both ways.
 */
export function formatPlatform(platform: string): string {
  const p = parsePlatform(platform.toLowerCase());
  if (!p.os) return "–";
  const variant = p.architecture === "arm64" && p.variant === "v8" ? null : p.variant;
  return [p.os, p.architecture, variant].filter(Boolean).join("/");
}

/** Just the architecture part for narrow cells, "amd64" / "arm64" / "arm/v7"; the OS is almost always linux. */
export function formatArchitecture(platform: string): string {
  const full = formatPlatform(platform);
  const [os, ...rest] = full.split("/");
  return os === "linux" && rest.length > 0 ? rest.join("/") : full;
}
