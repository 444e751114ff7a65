/** Image references as people write them: drop the default registry and "library/" namespace. */

export function shortReference(reference: string): string {
  let ref = reference.trim();
  for (const prefix of ["docker.io/library/", "index.docker.io/library/", "docker.io/", "index.docker.io/"]) {
    if (ref.startsWith(prefix)) {
      ref = ref.slice(prefix.length);
      break;
    }
  }
  return ref;
}

/** "sha256:abcdef123456" — enough of a digest to tell images apart; full value belongs in a title. */
export function shortDigest(digest: string | null | undefined, hexChars = 12): string {
  if (!digest) return "–";
  const [algo, hex] = digest.includes(":") ? digest.split(":", 2) : ["", digest];
  const short = hex.slice(0, hexChars);
  return algo ? `${algo}:${short}` : short;
}
