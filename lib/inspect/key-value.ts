/**
 * Shell-style KEY=value lines as os-release(5), lsb-release and a JDK's `release` file use them: values
 * may be in double or single quotes; inside double quotes a backslash escapes the next character.
 */
export function parseKeyValue(text: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const raw of text.split("\n")) {
    const line = raw.trim();
    if (line === "" || line.startsWith("#")) continue;
    const eq = line.indexOf("=");
    if (eq <= 0) continue;
    const key = line.slice(0, eq).trim();
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(key)) continue;
    out.set(key, unquote(line.slice(eq + 1).trim()));
  }
  return out;
}

function unquote(value: string): string {
  const q = value[0];
  if (q === "'") return value.slice(1, value.endsWith("'") && value.length > 1 ? -1 : undefined);
  if (q !== '"') return value;
  let out = "";
  for (let i = 1; i < value.length; i++) {
    const c = value[i];
    if (c === '"') break;
    if (c === "\\" && i + 1 < value.length) {
      out += value[++i];
      continue;
    }
    out += c;
  }
  return out;
}
