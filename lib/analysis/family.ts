/**
 * The family a reference belongs to, for grouping tables, and labels such as "java". Decided from the
 * repository name: it is what a person chose when they picked the image.
 */
const RULES: [RegExp, string][] = [
  [/temurin/, "temurin"],
  [/corretto/, "corretto"],
  [/distroless|^cgr\.dev\//, "distroless"],
  [/alpine/, "alpine"],
  [/ubuntu/, "ubuntu"],
  [/debian/, "debian"],
  [/centos|rockylinux|almalinux|(^|\/)ubi\d*(-\w+)?$|ubi\d|fedora|oraclelinux|redhat/, "rhel"],
  [/\/busybox\b/, "busybox"],
];

export function familyOf(reference: string): string {
  const ref = reference.toLowerCase();
  for (const [re, family] of RULES) if (re.test(ref)) return family;
  return "other";
}

export function labelsOf(reference: string): string[] {
  const labels: string[] = [];
  if (/temurin|corretto|openjdk|jre|jdk|java|zulu|liberica|semeru/.test(reference)) labels.push("java");
  if (/[:-]debug\b|:debug/.test(reference)) labels.push("debug");
  return labels;
}

const OS_FAMILY: Record<string, string> = {
  alpine: "alpine",
  debian: "debian",
  ubuntu: "ubuntu",
  centos: "rhel",
  rhel: "rhel",
  rocky: "rhel",
  almalinux: "rhel",
  fedora: "rhel",
  ol: "rhel",
  wolfi: "distroless",
};

/**
 * When the name says nothing ("other"), what was measured does: a Debian package set with no shell is
 * distroless-style, otherwise the os-release ID names the family. A Java runtime adds the "java" label.
 */
export function refineFamily(
  family: string,
  labels: string[],
  facts: { osId: string | null; shell: string | null; packageManager: string | null; hasJava: boolean },
): { family: string; labels: string[] } {
  let refined = family;
  if (family === "other" && facts.osId) {
    const byOs = OS_FAMILY[facts.osId];
    if (byOs === "debian" && !facts.shell && !facts.packageManager) refined = "distroless";
    else if (byOs) refined = byOs;
  }
  const out = facts.hasJava && !labels.includes("java") ? [...labels, "java"] : labels;
  return { family: refined, labels: out };
}
