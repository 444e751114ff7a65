"use client";

import type { WastedPath } from "@/lib/analysis/types";
import { formatCount, formatPercent } from "@/lib/format";
import { Breakable } from "@/components/ui/breakable";
import { Bytes } from "@/components/ui/bytes";
import { DataTable, type Column } from "@/components/ui/data-table";
import { absolutePath } from "./facts";

type Props = {
  paths: readonly WastedPath[];
  wastedBytes: number;
  /** 0..1, dive's image efficiency score. */
  efficiency: number;
};

const columns: Column<WastedPath>[] = [
  {
    id: "path",
    header: "Path",
    rowHeader: true,
    sortValue: (w) => w.path,
    cell: (w) => (
      <code className="text-xs break-words">
        <Breakable text={absolutePath(w.path)} />
      </code>
    ),
  },
  {
    id: "bytes",
    header: "Wasted",
    description:
      "All bytes of this path across the layers that hold it, the surviving copy included (dive's count).",
    align: "right",
    firstDirection: "desc",
    sortValue: (w) => w.bytes,
    cell: (w) => <Bytes value={w.bytes} />,
  },
  {
    id: "occurrences",
    header: "Copies",
    description: "How many layers contain this path (written, overwritten or deleted).",
    align: "right",
    firstDirection: "desc",
    sortValue: (w) => w.occurrences,
    cell: (w) => formatCount(w.occurrences),
  },
];

/** Paths that more than one layer writes, overwrites or deletes: bytes a pull may download for nothing. */
export function WastedPaths({ paths, wastedBytes, efficiency }: Props) {
  return (
    <div>
      <p className="mb-3 text-sm">
        <Bytes value={wastedBytes} /> wasted · efficiency {formatPercent(efficiency)}{" "}
        <span className="text-muted">
          {
            "(dive's score: the smallest copy of each path over all copies; an image with one layer always scores 100%, so it cannot rank base images)"
          }
        </span>
      </p>
      <DataTable
        rows={paths}
        columns={columns}
        rowKey={(w) => w.path}
        caption="Paths that waste space across layers"
        filterText={(w) => w.path}
        filterPlaceholder="Filter paths…"
        initialSort={{ columnId: "bytes", direction: "desc" }}
        emptyMessage="No wasted space: no file is overwritten or deleted by a later layer."
      />
    </div>
  );
}
