import type { PackageRecord } from "../analysis/types";

/** Installed packages from Alpine's lib/apk/db/installed: blank-line separated "X:value" paragraphs. */
export function parseApkInstalled(text: string): PackageRecord[] {
  const out: PackageRecord[] = [];
  let fields = new Map<string, string>();
  const flush = () => {
    const name = fields.get("P");
    const version = fields.get("V");
    if (name && version) out.push(toRecord(name, version, fields));
    fields = new Map();
  };
  for (const rawLine of text.split("\n")) {
    const line = rawLine.endsWith("\r") ? rawLine.slice(0, -1) : rawLine;
    if (line === "") {
      flush();
      continue;
    }
    // Only the first occurrence of a key matters here; F/R/Z repeat per file and are not needed.
    if (line.length >= 2 && line[1] === ":" && !fields.has(line[0])) fields.set(line[0], line.slice(2));
  }
  flush();
  return out;
}

function toRecord(name: string, version: string, fields: Map<string, string>): PackageRecord {
  const record: PackageRecord = { name, version };
  const arch = fields.get("A");
  if (arch) record.arch = arch;
  const installed = Number(fields.get("I"));
  if (fields.has("I") && Number.isSafeInteger(installed) && installed >= 0) record.installedBytes = installed;
  const origin = fields.get("o");
  if (origin) record.source = origin;
  const license = fields.get("L");
  if (license) record.license = license;
  return record;
}
