"use client";

import type { FileSize } from "@/lib/analysis/types";
import { formatPercent } from "@/lib/format";
import { Breakable } from "@/components/ui/breakable";
import { Bytes } from "@/components/ui/bytes";
import { DataTable, type Column } from "@/components/ui/data-table";
import { absolutePath } from "./facts";

type Props = {
  files: readonly FileSize[];
  /** On-disk total of the image, to show each file's share. */
  filesystemBytes?: number;
};

/** The biggest files in the merged filesystem, with the layer that wrote them. */
export function LargestFiles({ files, filesystemBytes }: Props) {
  const columns: Column<FileSize>[] = [
    {
      id: "path",
      header: "Path",
      rowHeader: true,
      sortValue: (f) => f.path,
      cell: (f) => (
        <code className="text-xs break-words">
          <Breakable text={absolutePath(f.path)} />
        </code>
      ),
    },
    {
      id: "bytes",
      header: "Size",
      align: "right",
      firstDirection: "desc",
      sortValue: (f) => f.bytes,
      cell: (f) => <Bytes value={f.bytes} />,
    },
    ...(filesystemBytes && filesystemBytes > 0
      ? [
          {
            id: "share",
            header: "Share of on-disk size",
            align: "right" as const,
            cell: (f: FileSize) => formatPercent(f.bytes / filesystemBytes),
          },
        ]
      : []),
    {
      id: "layer",
      header: "Layer",
      align: "right",
      sortValue: (f) => f.layerIndex,
      cell: (f) => `#${f.layerIndex + 1}`,
    },
  ];
  return (
    <DataTable
      rows={files}
      columns={columns}
      rowKey={(f) => f.path}
      caption="Largest files in the image"
      filterText={(f) => f.path}
      filterPlaceholder="Filter paths…"
      initialSort={{ columnId: "bytes", direction: "desc" }}
      emptyMessage="No files."
    />
  );
}
