import { check } from "../db-error";
import type { FileReader } from "./file-reader";

// rpm's NDB backend (lib/backend/ndb/rpmpkg.c), little-endian: a header in the first slot page, then
// 16-byte slots {magic, pkgIndex, blkOffset, blkCount} pointing at blobs in 16-byte blocks.
const MAGIC_HEADER = 0x506d7052; // "RpmP"
const MAGIC_SLOT = 0x746f6c53; // "Slot"
const MAGIC_BLOB = 0x53626c42; // "BlbS"
const PAGE = 4096;
const SLOT = 16;
const BLOCK = 16;
// The first two slot-sized places hold the file header.
const FIRST_SLOT = 2;

export function isNdb(head: Buffer): boolean {
  return head.length >= 4 && head.readUInt32LE(0) === MAGIC_HEADER;
}

/** Calls `onBlob` with each package's header blob in slot order. */
export function readNdbBlobs(file: FileReader, onBlob: (blob: Buffer) => void): void {
  const header = file.read(0, 16);
  check(header.readUInt32LE(0) === MAGIC_HEADER, "not an rpm NDB database");
  check(header.readUInt32LE(4) === 0, `unsupported rpm NDB version ${header.readUInt32LE(4)}`);
  const slotPages = header.readUInt32LE(12);
  check(slotPages >= 1 && slotPages * PAGE <= file.size, "the rpm NDB slot table is larger than the file");
  const slots = file.read(0, slotPages * PAGE);
  for (let at = FIRST_SLOT * SLOT; at + SLOT <= slots.length; at += SLOT) {
    check(slots.readUInt32LE(at) === MAGIC_SLOT, "an rpm NDB slot is corrupt");
    const pkgIndex = slots.readUInt32LE(at + 4);
    if (pkgIndex === 0) continue; // a free slot
    const blkOffset = slots.readUInt32LE(at + 8);
    const blkCount = slots.readUInt32LE(at + 12);
    const blobHead = file.read(blkOffset * BLOCK, 16);
    check(blobHead.readUInt32LE(0) === MAGIC_BLOB, "an rpm NDB blob is corrupt");
    check(blobHead.readUInt32LE(4) === pkgIndex, "an rpm NDB blob belongs to another slot");
    const blobLen = blobHead.readUInt32LE(12);
    check(16 + blobLen <= blkCount * BLOCK, "an rpm NDB blob is longer than its blocks");
    onBlob(file.read(blkOffset * BLOCK + 16, blobLen));
  }
}
