import { closeSync, fstatSync, openSync, readSync } from "node:fs";
import { check } from "../db-error";

/**
 * Positional reads from a database file, so the NDB and BerkeleyDB readers touch only the pages they
 * need instead of holding the whole file. Every read is checked against the file size first, which
 * also bounds any allocation a hostile length field could ask for.
 */
export class FileReader {
  readonly size: number;
  private readonly fd: number;

  constructor(file: string) {
    this.fd = openSync(file, "r");
    this.size = fstatSync(this.fd).size;
  }

  read(position: number, length: number): Buffer {
    check(
      Number.isSafeInteger(position) && Number.isSafeInteger(length) && position >= 0 && length >= 0,
      "the database points to an invalid location",
    );
    check(position + length <= this.size, "the database points past its end");
    const buf = Buffer.allocUnsafe(length);
    let done = 0;
    while (done < length) {
      const n = readSync(this.fd, buf, done, length - done, position + done);
      check(n > 0, "the database file ended early");
      done += n;
    }
    return buf;
  }

  close(): void {
    closeSync(this.fd);
  }
}
