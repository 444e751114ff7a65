import Link from "next/link";
import { formatArchitecture, formatCount, shortReference } from "@/lib/format";
import { Breakable } from "@/components/ui/breakable";
import { YesNo } from "@/components/ui/yes-no";
import type { ImageRow } from "../types";
import { imageHref, isRootUser, libcText, userText } from "./facts";

const HEADERS = [
  ["libc", "C library the image's binaries link against: glibc or musl (or none)."],
  ["Shell", "A shell (sh, bash, ash) is present: handy for debugging, more to attack."],
  [
    "Package manager",
    "A package manager tool (apt, apk, microdnf…) is present, so packages can be installed in the container.",
  ],
  ["Non-root", "The image config sets a non-root user."],
  ["Packages", "Installed packages recorded in the package database."],
  ["Java", "A Java runtime, its version and kind (JRE/JDK)."],
  ["Debug variant", "A debug variant that adds a shell or busybox."],
] as const;

/** The "Base image comparison" sheet: per image, the criteria people choose by, as ✓/✗ with words. */
export function CriteriaMatrix({ rows }: { rows: readonly ImageRow[] }) {
  return (
    <div className="relative overflow-x-auto rounded-md border border-line">
      <table className="w-full border-collapse text-sm">
        <caption className="sr-only">Base image criteria per image</caption>
        <thead className="bg-surface-2">
          <tr>
            <th scope="col" className="min-w-40 px-3 py-2 text-left sm:min-w-56">
              Image
            </th>
            {HEADERS.map(([h, d]) => (
              <th key={h} scope="col" title={d} className="px-3 py-2 text-left whitespace-nowrap">
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.id} className="border-t border-line">
              <th scope="row" className="px-3 py-2 text-left font-normal">
                <Link href={imageHref(r.id)} className="font-medium break-words hover:underline">
                  <Breakable text={shortReference(r.reference)} />
                </Link>{" "}
                <span className="text-muted">{formatArchitecture(r.platform)}</span>
              </th>
              <td className="px-3 py-2">
                <YesNo value={r.libc.kind !== "none"}>{libcText(r.libc)}</YesNo>
              </td>
              <td className="px-3 py-2">
                <YesNo value={r.shell !== null}>{r.shell ?? "no shell"}</YesNo>
              </td>
              <td className="px-3 py-2">
                <YesNo value={r.packageManagerBinary !== null}>{r.packageManagerBinary ?? "none"}</YesNo>
              </td>
              <td className="px-3 py-2">
                <YesNo value={!isRootUser(r.user)} goodWhen>
                  {isRootUser(r.user) ? `runs as ${userText(r.user)}` : `runs as ${r.user}`}
                </YesNo>
              </td>
              <td className="px-3 py-2 text-right tabular-nums">
                {r.packageManager || r.packageCount > 0 ? formatCount(r.packageCount) : "–"}
              </td>
              <td className="px-3 py-2">
                <YesNo value={r.java !== null}>
                  {r.java
                    ? [r.java.version ?? "version unknown", r.java.imageType].filter(Boolean).join(" ")
                    : "no Java"}
                </YesNo>
              </td>
              <td className="px-3 py-2">
                <YesNo value={r.debugVariant}>{r.debugVariant ? "debug" : "regular"}</YesNo>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
