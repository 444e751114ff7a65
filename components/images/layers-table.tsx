"use client";

import { summarizeCommand } from "@/lib/charts";
import { formatCount, formatDateTime, shortDigest } from "@/lib/format";
import { Bytes } from "@/components/ui/bytes";
import { DataTable, type Column } from "@/components/ui/data-table";
import type { LayerRow } from "../types";

const columns: Column<LayerRow>[] = [
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
    sortValue: (l) => count(l.packagesAdded),
    firstDirection: "desc",
    cell: (l) => <PackageDelta added={l.packagesAdded} removed={l.packagesRemoved} />,
  },
];

/** One image's layers with the command that made each; sortable by size to find the heavy step. */
export function LayersTable({ layers }: { layers: readonly LayerRow[] }) {
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

const count = (v: string[] | number): number => (Array.isArray(v) ? v.length : v);

function PackageDelta({ added, removed }: { added: string[] | number; removed: string[] | number }) {
  const a = count(added);
  const r = count(removed);
  if (a === 0 && r === 0) return <span className="text-muted">–</span>;
  // Names are only known for fresh results; stored rows keep counts.
  const names = [
    ...(Array.isArray(added) ? added.map((p) => `+ ${p}`) : []),
    ...(Array.isArray(removed) ? removed.map((p) => `- ${p}`) : []),
  ];
  return (
    <span className="whitespace-nowrap" title={names.length > 0 ? names.join("\n") : undefined}>
      {[a > 0 ? `+${a}` : "", r > 0 ? `−${r}` : ""].filter(Boolean).join(" ")}
    </span>
  );
}
