import type { JavaInfo } from "@/lib/analysis/types";

/** Small hand-made rows for the transform tests (not real measurements). */
export function row(id: string, reference: string, over: Partial<TestRow> = {}): TestRow {
  return {
    id,
    reference,
    platform: "linux/amd64",
    family: "misc",
    packageCount: 10,
    packageManager: "dpkg",
    compressedBytes: 1_000_000,
    filesystemBytes: 3_000_000,
    java: null,
    ...over,
  };
}

export type TestRow = {
  id: string;
  reference: string;
  platform: string;
  family: string;
  packageCount: number;
  packageManager: string | null;
  compressedBytes: number;
  filesystemBytes: number;
  java: JavaInfo | null;
};
