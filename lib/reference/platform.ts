import type { Platform } from "../analysis/types";
import { BasescopeError } from "../errors";

/**
 * Platform strings ("linux/arm64/v8") normalised with containerd's rules, so that what an index calls
 * "arm64/v8" and what a user types as "aarch64" compare equal.
 */
export const DEFAULT_PLATFORM: Platform = { os: "linux", architecture: "amd64" };

const KNOWN_OS = new Set([
  "linux",
  "windows",
  "darwin",
  "freebsd",
  "netbsd",
  "openbsd",
  "solaris",
  "illumos",
  "aix",
  "plan9",
  "android",
  "ios",
  "js",
  "wasip1",
]);
const PART = /^[a-z0-9_.-]+$/;

function normalizeOs(os: string): string {
  const lower = os.toLowerCase();
  return lower === "macos" ? "darwin" : lower;
}

function normalizeArch(architecture: string, variant: string): { architecture: string; variant: string } {
  const arch = architecture.toLowerCase();
  const v = variant.toLowerCase();
  switch (arch) {
    case "i386":
      return { architecture: "386", variant: "" };
    case "x86_64":
    case "x86-64":
    case "amd64":
      return { architecture: "amd64", variant: v === "v1" ? "" : v };
    case "aarch64":
    case "arm64":
      return { architecture: "arm64", variant: v === "8" || v === "v8" || v === "v8.0" ? "" : v };
    case "armhf":
      return { architecture: "arm", variant: "v7" };
    case "armel":
      return { architecture: "arm", variant: "v6" };
    case "arm":
      if (v === "" || v === "7") return { architecture: "arm", variant: "v7" };
      if (/^[5-8]$/.test(v)) return { architecture: "arm", variant: `v${v}` };
      return { architecture: "arm", variant: v };
    default:
      return { architecture: arch, variant: v };
  }
}

export function normalizePlatform(p: { os?: string; architecture?: string; variant?: string }): Platform {
  const os = normalizeOs(p.os ?? "") || DEFAULT_PLATFORM.os;
  const { architecture, variant } = normalizeArch(p.architecture ?? "", p.variant ?? "");
  return variant ? { os, architecture, variant } : { os, architecture };
}

export function formatPlatform(p: Platform): string {
  const n = normalizePlatform(p);
  return [n.os, n.architecture, n.variant].filter(Boolean).join("/");
}

/** "linux/arm64/v8", "linux/amd64", "arm64" (os linux) or "linux" (arch amd64), normalised. */
export function parsePlatform(input: string): Platform {
  const text = typeof input === "string" ? input.trim().toLowerCase() : "";
  const bad = (why: string) =>
    new BasescopeError(
      "InvalidInput",
      `"${text.slice(0, 60)}" is not a valid platform: ${why}. Use os/arch[/variant], e.g. linux/arm64.`,
    );
  if (text === "") throw bad("it is empty");
  if (text.length > 100) throw bad("it is too long");
  const parts = text.split("/");
  if (parts.length > 3) throw bad("it has more than three parts");
  if (parts.some((part) => !PART.test(part))) throw bad("each part must be letters, digits, '_', '.' or '-'");
  if (parts.length === 1) {
    const [only] = parts;
    if (KNOWN_OS.has(normalizeOs(only)))
      return normalizePlatform({ os: only, architecture: DEFAULT_PLATFORM.architecture });
    return normalizePlatform({ os: DEFAULT_PLATFORM.os, architecture: only });
  }
  const [os, architecture, variant] = parts;
  return normalizePlatform({ os, architecture, variant });
}

export function samePlatform(a: Platform, b: Platform): boolean {
  return formatPlatform(a) === formatPlatform(b);
}

const ARM_VARIANTS = ["v5", "v6", "v7", "v8"];

/**
 * Whether an image built for `offered` runs on `wanted` though it is not the same platform: an older arm
 * variant on a newer arm, or an older amd64 micro-architecture level (v2/v3) on a newer one (containerd's Only()).
 */
export function platformCompatible(wanted: Platform, offered: Platform): boolean {
  const w = normalizePlatform(wanted);
  const o = normalizePlatform(offered);
  if (w.os !== o.os || w.architecture !== o.architecture) return false;
  if (w.architecture === "arm") {
    const wi = ARM_VARIANTS.indexOf(w.variant ?? "");
    const oi = ARM_VARIANTS.indexOf(o.variant ?? "");
    return wi >= 0 && oi >= 0 && oi <= wi;
  }
  if (w.architecture === "amd64") {
    const level = (v?: string) => (v ? Number(v.slice(1)) : 1);
    return level(o.variant) <= level(w.variant);
  }
  return (w.variant ?? "") === (o.variant ?? "");
}
