import { describe, expect, it } from "vitest";
import { parseRpmHeader } from "./header";

type Tag = { tag: number; type: number; value: string | number };

/** Writes a header blob in rpm's database layout: il, dl, big-endian index entries, then the data. */
function header(tags: Tag[]): Buffer {
  const index: Buffer[] = [];
  const data: Buffer[] = [];
  let offset = 0;
  for (const t of tags) {
    const bytes = typeof t.value === "string" ? Buffer.from(`${t.value}\0`) : Buffer.alloc(4);
    if (typeof t.value === "number") bytes.writeUInt32BE(t.value);
    const entry = Buffer.alloc(16);
    entry.writeInt32BE(t.tag, 0);
    entry.writeUInt32BE(t.type, 4);
    entry.writeInt32BE(offset, 8);
    entry.writeUInt32BE(1, 12);
    index.push(entry);
    data.push(bytes);
    offset += bytes.length;
  }
  const head = Buffer.alloc(8);
  head.writeUInt32BE(tags.length, 0);
  head.writeUInt32BE(offset, 4);
  return Buffer.concat([head, ...index, ...data]);
}

const STRING = 6;
const INT32 = 4;

describe("parseRpmHeader", () => {
  it("skips the gpg-pubkey entries rpm keeps for imported keys", () => {
    const blob = header([
      { tag: 1000, type: STRING, value: "gpg-pubkey" },
      { tag: 1001, type: STRING, value: "fd431d51" },
      { tag: 1002, type: STRING, value: "4ae0493b" },
    ]);
    expect(parseRpmHeader(blob)).toBeNull();
  });

  it("prints the epoch only when the header has one", () => {
    const base = [
      { tag: 1000, type: STRING, value: "openssl-libs" },
      { tag: 1001, type: STRING, value: "3.0.7" },
      { tag: 1002, type: STRING, value: "27.el9" },
      { tag: 1009, type: INT32, value: 6_000_000 },
    ];
    expect(parseRpmHeader(header(base))).toEqual({
      name: "openssl-libs",
      version: "3.0.7-27.el9",
      installedBytes: 6_000_000,
    });
    expect(parseRpmHeader(header([...base, { tag: 1003, type: INT32, value: 1 }]))?.version).toBe(
      "1:3.0.7-27.el9",
    );
  });

  it("refuses strings and numbers that point outside the data", () => {
    const blob = header([
      { tag: 1000, type: STRING, value: "x" },
      { tag: 1001, type: STRING, value: "1" },
      { tag: 1009, type: INT32, value: 5 },
    ]);
    const badString = Buffer.from(blob);
    badString.writeInt32BE(1 << 20, 8 + 8);
    expect(() => parseRpmHeader(badString)).toThrow(/outside/);
    const badNumber = Buffer.from(blob);
    badNumber.writeInt32BE(-4, 8 + 32 + 8);
    expect(() => parseRpmHeader(badNumber)).toThrow(/outside/);
    expect(() => parseRpmHeader(blob.subarray(0, blob.length - 1))).toThrow(/truncated/);
  });
});
