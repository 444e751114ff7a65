import { describe, expect, it } from "vitest";
import { isBasescopeError } from "../errors";
import { parseReference } from "./reference";

function rng(seed: number) {
  let s = seed >>> 0;
  return () => (s = (Math.imul(s ^ (s >>> 15), 0x2c1b3c6d) + 0x6d2b79f5) >>> 0) / 2 ** 32;
}

const ALPHABET = "abcz019AZ:/@.-_+ \t\u0000é\u200b#sha256";
const PIECES = [
  "docker.io/",
  "library/",
  "localhost:5000/",
  "alpine",
  ":3.22",
  "@sha256:",
  "a".repeat(64),
  "ghcr.io",
  "/",
  ":",
  "@",
  "..",
  "__",
  "--",
];

describe("parseReference fuzz", () => {
  it("answers every input with a reference or an InvalidReference error, quickly, and normalises idempotently", () => {
    const random = rng(7);
    const started = Date.now();
    let valid = 0;
    for (let i = 0; i < 20_000; i++) {
      const n = Math.floor(random() * 12);
      let s = "";
      for (let k = 0; k < n; k++) {
        s +=
          random() < 0.5
            ? PIECES[Math.floor(random() * PIECES.length)]
            : ALPHABET[Math.floor(random() * ALPHABET.length)];
      }
      if (i % 1000 === 0) s = s.repeat(200);
      try {
        const ref = parseReference(s);
        valid++;
        expect(parseReference(ref.toString()).toString()).toBe(ref.toString());
      } catch (e) {
        if (!isBasescopeError(e) || !["InvalidReference", "InvalidInput"].includes(e.kind)) throw e;
      }
    }
    expect(valid).toBeGreaterThan(100);
    expect(Date.now() - started).toBeLessThan(10_000);
  });
});
