"use client";

import type { LayerResult } from "@/lib/analysis/types";
import { summarizeCommand } from "@/lib/charts";
import { formatCount, formatDateTime, shortDigest } from "@/lib/format";
import { Bytes } from "@/components/ui/bytes";
import { DataTable, type Column } from "@/components/ui/data-table";

const columns: Column<LayerResult>[] = [
  { id: "index", header: "#", align: "right", sortValue: (l) => l.index, cell: (l) => l.index + 1 },
  {
    id: "command",
    header: "Created by",
    description: "The build step that made the layer, from the image history.",
    className: "min-w-72 max-w-xl",
    cell: (l) => (
      <div>
        <code className="text-xs break-all whitespace-pre-wrap">{summarizeCommand(l.createdBy, 160)}</code>
        {l.createdBy && l.createdBy.length > 160 ? (
          <details className="mt-1 text-xs">
            <summary className="cursor-pointer text-muted">Full command</summary>
            <code className="break-all whitespace-pre-wrap">{l.createdBy}</code>
          </details>
        ) : null}
        <div className="mt-0.5 text-xs text-muted" title={l.digest}>
          {shortDigest(l.digest)}
          {l.created ? ` · ${formatDateTime(l.created)}` : ""}
        </div>
      </div>
    ),
  },
  {
    id: "compressed",
    header: "Compressed",
    description: "Size of the layer blob a pull downloads.",
    align: "right",
    firstDirection: "desc",
    sortValue: (l) => l.compressedBytes,
    cell: (l) => <Bytes value={l.compressedBytes} />,
  },
  {
    id: "uncompressed",
    header: "Files",
    description: "Sum of the regular file sizes in the layer's tar (files later deleted still count here).",
    align: "right",
    firstDirection: "desc",
    sortValue: (l) => l.uncompressedBytes,
    cell: (l) => <Bytes value={l.uncompressedBytes} />,
  },
  {
    id: "count",
    header: "File count",
    align: "right",
    sortValue: (l) => l.fileCount,
    cell: (l) => formatCount(l.fileCount),
  },
  {
    id: "packages",
    header: "Packages",
    description: "Packages this layer added or removed, compared with the layer below.",
    sortValue: (l) => l.packagesAdded.length,
    firstDirection: "desc",
    cell: (l) =>
      l.packagesAdded.length === 0 && l.packagesRemoved.length === 0 ? (
        <span className="text-muted">–</span>
      ) : (
        <span
          className="whitespace-nowrap"
          title={[...l.packagesAdded.map((p) => `+ ${p}`), ...l.packagesRemoved.map((p) => `- ${p}`)].join(
            "\n",
          )}
        >
          {l.packagesAdded.length > 0 ? `+${l.packagesAdded.length}` : ""}
          {l.packagesAdded.length > 0 && l.packagesRemoved.length > 0 ? " " : ""}
          {l.packagesRemoved.length > 0 ? `−${l.packagesRemoved.length}` : ""}
        </span>
      ),
  },
];

/** One image's layers with the command that made each; sortable by size to find the heavy step. */
export function LayersTable({ layers }: { layers: readonly LayerResult[] }) {
  return (
    <DataTable
      rows={layers}
      columns={columns}
      rowKey={(l) => `${l.index}`}
      caption="Layers in build order"
      initialSort={{ columnId: "index", direction: "asc" }}
      emptyMessage="This image has no layers."
    />
  );
}
