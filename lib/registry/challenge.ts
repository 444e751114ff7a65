/**
 * WWW-Authenticate parsing (RFC 7235) that tolerates what registries send: quoted commas inside `scope`
 * ("repository:a:pull,push"), unquoted values (gcr.io's `service=gcr.io`), missing params, several
 * challenges in one header.
 */
export type Challenge = { scheme: string; params: Record<string, string> };

const TOKEN_CHAR = /[!#$%&'*+.^_`|~0-9A-Za-z-]/;

export function parseWwwAuthenticate(header: string | null | undefined): Challenge[] {
  const challenges: Challenge[] = [];
  if (!header) return challenges;
  const s = header;
  let i = 0;
  const skip = (re: RegExp) => {
    while (i < s.length && re.test(s[i])) i++;
  };
  const readToken = () => {
    const start = i;
    while (i < s.length && TOKEN_CHAR.test(s[i])) i++;
    return s.slice(start, i);
  };
  const readValue = () => {
    if (s[i] !== '"') {
      const start = i;
      while (i < s.length && s[i] !== "," && !/\s/.test(s[i])) i++;
      return s.slice(start, i);
    }
    i++;
    let out = "";
    while (i < s.length && s[i] !== '"') {
      if (s[i] === "\\" && i + 1 < s.length) i++;
      out += s[i++];
    }
    i++;
    return out;
  };

  while (i < s.length) {
    skip(/[\s,]/);
    const token = readToken();
    if (!token) {
      i++; // a character no grammar allows here: step over it rather than loop forever
      continue;
    }
    const afterToken = i;
    skip(/\s/);
    const current = challenges.at(-1);
    if (s[i] === "=" && current) {
      i++;
      skip(/\s/);
      current.params[token.toLowerCase()] = readValue();
    } else {
      i = afterToken;
      challenges.push({ scheme: token.toLowerCase(), params: {} });
    }
  }
  return challenges;
}
