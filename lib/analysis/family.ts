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
