import type { PackageRecord } from "../../analysis/types";
import { check } from "../db-error";

// rpm header tags and types (rpm's rpmtag.h): only what a package row needs.
const TAG = { name: 1000, version: 1001, release: 1002, epoch: 1003, size: 1009, license: 1014, arch: 1022 };
const TAG_SOURCERPM = 1044;
const TAG_LONGSIZE = 5009;
const T_INT32 = 4;
const T_INT64 = 5;
const T_STRING = 6;
const T_I18NSTRING = 9;
// rpm's own sanity limits (header_internal.h): at most 0xffff index entries and 256 MiB of data.
const MAX_ENTRIES = 0xffff;
const MAX_DATA = 0x0fffffff;

type Entry = { type: number; offset: number; count: number };

/**
 * Reads one header blob as rpm stores it in its database (big-endian: entry count, data length, the
 * index entries, then the data store). Returns null for the gpg-pubkey pseudo-packages rpm keeps for
 * imported signing keys, which are not installed software.
 */
export function parseRpmHeader(blob: Buffer): PackageRecord | null {
  check(blob.length >= 8, "an rpm header is shorter than 8 bytes");
  const il = blob.readUInt32BE(0);
  const dl = blob.readUInt32BE(4);
  check(il >= 1 && il <= MAX_ENTRIES, `an rpm header claims ${il} index entries`);
  check(dl <= MAX_DATA, `an rpm header claims ${dl} bytes of data`);
  const dataStart = 8 + il * 16;
  check(dataStart + dl <= blob.length, "an rpm header is truncated");
  const data = blob.subarray(dataStart, dataStart + dl);

  const wanted = new Set<number>([...Object.values(TAG), TAG_SOURCERPM, TAG_LONGSIZE]);
  const entries = new Map<number, Entry>();
  for (let i = 0; i < il; i++) {
    const at = 8 + i * 16;
    const tag = blob.readInt32BE(at);
    if (!wanted.has(tag) || entries.has(tag)) continue;
    entries.set(tag, {
      type: blob.readUInt32BE(at + 4),
      offset: blob.readInt32BE(at + 8),
      count: blob.readUInt32BE(at + 12),
    });
  }

  const name = readString(data, entries.get(TAG.name));
  const version = readString(data, entries.get(TAG.version));
  const release = readString(data, entries.get(TAG.release));
  check(name !== undefined && version !== undefined, "an rpm header has no name or version");
  if (name === "gpg-pubkey") return null;

  const epoch = readInt(data, entries.get(TAG.epoch));
  const record: PackageRecord = {
    name,
    // As `rpm -q` and syft print it: the epoch only when one is set.
    version: `${epoch !== undefined ? `${epoch}:` : ""}${version}${release !== undefined ? `-${release}` : ""}`,
  };
  const arch = readString(data, entries.get(TAG.arch));
  if (arch !== undefined) record.arch = arch;
  const size = readInt(data, entries.get(TAG_LONGSIZE)) ?? readInt(data, entries.get(TAG.size));
  if (size !== undefined) record.installedBytes = size;
  const source = readString(data, entries.get(TAG_SOURCERPM));
  if (source !== undefined) record.source = source;
  const license = readString(data, entries.get(TAG.license));
  if (license !== undefined) record.license = license;
  return record;
}

function readString(data: Buffer, e: Entry | undefined): string | undefined {
  if (!e || (e.type !== T_STRING && e.type !== T_I18NSTRING)) return undefined;
  check(e.offset >= 0 && e.offset < data.length, "an rpm header string points outside its data");
  const end = data.indexOf(0, e.offset);
  check(end >= 0, "an rpm header string is not terminated");
  return data.toString("utf8", e.offset, end);
}

function readInt(data: Buffer, e: Entry | undefined): number | undefined {
  if (!e || e.count < 1) return undefined;
  if (e.type === T_INT32) {
    check(e.offset >= 0 && e.offset + 4 <= data.length, "an rpm header number points outside its data");
    return data.readUInt32BE(e.offset);
  }
  if (e.type === T_INT64) {
    check(e.offset >= 0 && e.offset + 8 <= data.length, "an rpm header number points outside its data");
    return Number(data.readBigUInt64BE(e.offset));
  }
  return undefined;
}
