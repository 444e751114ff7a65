import { formatArchitecture, shortReference } from "@/lib/format";
import type { LabelledRow } from "./types";

/**
 * A short label per row: the reference without docker.io, plus the architecture only when the same
 * reference appears on more than one platform (otherwise it is noise on every bar).
 */
export function rowLabels(rows: readonly LabelledRow[]): Map<string, string> {
  const platformsByRef = new Map<string, Set<string>>();
  for (const r of rows) {
    const ref = shortReference(r.reference);
    const set = platformsByRef.get(ref) ?? new Set<string>();
    set.add(r.platform);
    platformsByRef.set(ref, set);
  }
  const labels = new Map<string, string>();
  for (const r of rows) {
    const ref = shortReference(r.reference);
    const multi = (platformsByRef.get(ref)?.size ?? 0) > 1;
    labels.set(r.id, multi ? `${ref} (${formatArchitecture(r.platform)})` : ref);
  }
  return labels;
}

const NOP = /^\/bin\/sh -c #\(nop\)\s*/;
const SHELL_RUN = /^\/bin\/sh -c\s+/;
const BUILD_ARGS = /^\|\d+(\s+[A-Za-z_][A-Za-z0-9_]*=\S*)*\s+/;

/**
 * The Dockerfile-ish instruction behind a history entry: "/bin/sh -c #(nop)  CMD ["sh"]" → "CMD ["sh"]",
 * "/bin/sh -c apt-get ..." → "RUN apt-get ...". BuildKit entries ("RUN /bin/sh -c ... # buildkit") keep
 * their text without the trailer.
 */
export function summarizeCommand(createdBy: string | null | undefined, maxLength = 80): string {
  if (!createdBy) return "(no history)";
  let text = createdBy.trim().replace(BUILD_ARGS, "");
  if (NOP.test(text)) text = text.replace(NOP, "");
  else if (SHELL_RUN.test(text)) text = `RUN ${text.replace(SHELL_RUN, "")}`;
  text = text.replace(/\s*# buildkit$/, "").replace(/\s+/g, " ");
  return text.length > maxLength ? `${text.slice(0, maxLength - 1)}…` : text;
}
