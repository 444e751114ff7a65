/**
 * A database whose bytes do not follow the format. Parsers throw it with a plain message; parsePackageDb
 * turns it (and anything else thrown on hostile input) into an error value, so it never leaves lib/packages.
 */
export class DbFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "DbFormatError";
  }
}

export function check(condition: boolean, message: string): asserts condition {
  if (!condition) throw new DbFormatError(message);
}
