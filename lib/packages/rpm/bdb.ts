import { check } from "../db-error";
import type { FileReader } from "./file-reader";

// BerkeleyDB hash databases (rpm < 4.16 "Packages"), as rpm's read-only bdb_ro backend reads them. Pages
// start with a 26-byte header {lsn, pgno, prev, next, entries u16 @20, hf_offset u16 @22, level, type @25};
// numbers are in the byte order of the machine that wrote the file, told apart by the magic.
const HASH_MAGIC = 0x00061561;
const P_HASH_UNSORTED = 2;
const P_OVERFLOW = 7;
const P_HASHMETA = 8;
const P_HASH = 13;
const H_KEYDATA = 1;
const H_OFFPAGE = 3;
const PAGE_HEADER = 26;

type Order = { u16(b: Buffer, at: number): number; u32(b: Buffer, at: number): number };
const LE: Order = { u16: (b, at) => b.readUInt16LE(at), u32: (b, at) => b.readUInt32LE(at) };
const BE: Order = { u16: (b, at) => b.readUInt16BE(at), u32: (b, at) => b.readUInt32BE(at) };

export function isBdbHash(head: Buffer): boolean {
  return head.length >= 16 && (head.readUInt32LE(12) === HASH_MAGIC || head.readUInt32BE(12) === HASH_MAGIC);
}

/** Calls `onBlob` with every value stored in the hash database (rpm keeps one header per value). */
export function readBdbBlobs(file: FileReader, onBlob: (blob: Buffer) => void): void {
  const meta = file.read(0, 512);
  const o = meta.readUInt32LE(12) === HASH_MAGIC ? LE : BE;
  check(o.u32(meta, 12) === HASH_MAGIC, "not a BerkeleyDB hash database");
  const pageSize = o.u32(meta, 20);
  check(
    pageSize >= 512 && pageSize <= 65536 && (pageSize & (pageSize - 1)) === 0,
    "invalid BerkeleyDB page size",
  );
  check(meta[24] === 0, "encrypted BerkeleyDB databases are not supported");
  check(meta[25] === P_HASHMETA, "the BerkeleyDB file does not start with a hash meta page");
  const lastPage = Math.min(o.u32(meta, 32), Math.floor(file.size / pageSize) - 1);
  for (let pgno = 1; pgno <= lastPage; pgno++) {
    const page = file.read(pgno * pageSize, pageSize);
    if (page[25] !== P_HASH && page[25] !== P_HASH_UNSORTED) continue;
    readHashPage(file, page, pageSize, lastPage, o, onBlob);
  }
}

function readHashPage(
  file: FileReader,
  page: Buffer,
  pageSize: number,
  lastPage: number,
  o: Order,
  onBlob: (b: Buffer) => void,
) {
  const entries = o.u16(page, 20);
  check(PAGE_HEADER + entries * 2 <= pageSize, "a BerkeleyDB hash page claims too many entries");
  // Entries alternate key, value; each is an offset into the page, items packed from the end downwards.
  for (let i = 1; i < entries; i += 2) {
    const at = o.u16(page, PAGE_HEADER + i * 2);
    check(at >= PAGE_HEADER && at < pageSize, "a BerkeleyDB item points outside its page");
    if (page[at] === H_OFFPAGE) {
      check(at + 12 <= pageSize, "a BerkeleyDB item is truncated");
      onBlob(readOverflow(file, o.u32(page, at + 4), o.u32(page, at + 8), pageSize, lastPage, o));
    } else if (page[at] === H_KEYDATA) {
      const end = o.u16(page, PAGE_HEADER + (i - 1) * 2);
      check(end > at && end <= pageSize, "a BerkeleyDB item has an invalid length");
      // rpm keeps a 4-byte instance counter under key 0; only longer values can be headers.
      if (end - at - 1 >= 8) onBlob(Buffer.from(page.subarray(at + 1, end)));
    }
  }
}

function readOverflow(
  file: FileReader,
  first: number,
  total: number,
  pageSize: number,
  lastPage: number,
  o: Order,
): Buffer {
  check(total <= file.size, "a BerkeleyDB value is larger than the file");
  const out = Buffer.alloc(total);
  let done = 0;
  const seen = new Set<number>();
  for (let pgno = first; pgno !== 0;) {
    check(pgno <= lastPage && !seen.has(pgno), "a BerkeleyDB overflow chain is broken");
    seen.add(pgno);
    const head = file.read(pgno * pageSize, PAGE_HEADER);
    check(head[25] === P_OVERFLOW, "a BerkeleyDB overflow page has the wrong type");
    // On overflow pages hf_offset holds the number of data bytes on the page.
    const len = o.u16(head, 22);
    check(PAGE_HEADER + len <= pageSize && done + len <= total, "a BerkeleyDB overflow page is too long");
    file.read(pgno * pageSize + PAGE_HEADER, len).copy(out, done);
    done += len;
    pgno = o.u32(head, 16);
  }
  check(done === total, "a BerkeleyDB value is shorter than it claims");
  return out;
}
