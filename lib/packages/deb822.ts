/**
 * Splits deb822 text (dpkg status files) into paragraphs of fields. Field names are case-insensitive,
 * so keys are lower-cased; continuation lines (leading space or tab) are appended with a newline.
 */
export function parseDeb822(text: string): Map<string, string>[] {
  const paragraphs: Map<string, string>[] = [];
  let current = new Map<string, string>();
  let lastKey: string | null = null;
  for (const rawLine of text.split("\n")) {
    const line = rawLine.endsWith("\r") ? rawLine.slice(0, -1) : rawLine;
    if (line.trim() === "") {
      if (current.size > 0) paragraphs.push(current);
      current = new Map();
      lastKey = null;
      continue;
    }
    if (line.startsWith(" ") || line.startsWith("\t")) {
      if (lastKey !== null) current.set(lastKey, `${current.get(lastKey)}\n${line.slice(1)}`);
      continue;
    }
    if (line.startsWith("#")) continue;
    const colon = line.indexOf(":");
    if (colon <= 0) continue;
    lastKey = line.slice(0, colon).trim().toLowerCase();
    current.set(lastKey, line.slice(colon + 1).trim());
  }
  if (current.size > 0) paragraphs.push(current);
  return paragraphs;
}
