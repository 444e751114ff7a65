"use client";

import { summarizeCommand } from "@/lib/charts";
import { Bytes } from "@/components/ui/bytes";
import { DataTable, type Column } from "@/components/ui/data-table";
import type { LayerRow, PackageRow } from "../types";

type Props = {
  packages: readonly PackageRow[];
  /** The image's layers, to name the step that added each package. */
  layers?: readonly Pick<LayerRow, "index" | "createdBy">[];
};

/** Installed packages: search by name, sort by installed size, see which layer added each. */
export function PackagesTable({ packages, layers = [] }: Props) {
  const byIndex = new Map(layers.map((l) => [l.index, l]));
  const columns: Column<PackageRow>[] = [
    {
      id: "name",
      header: "Package",
      rowHeader: true,
      sortValue: (p) => p.name,
      cell: (p) => <span className="font-medium break-all">{p.name}</span>,
    },
    {
      id: "version",
      header: "Version",
      sortValue: (p) => p.version,
      cell: (p) => <span className="break-all">{p.version}</span>,
    },
    { id: "arch", header: "Arch", sortValue: (p) => p.arch ?? null, cell: (p) => p.arch ?? "–" },
    {
      id: "size",
      header: "Installed size",
      description:
        "Installed size as the package database records it (an estimate by the packager, not measured).",
      align: "right",
      firstDirection: "desc",
      sortValue: (p) => p.installedBytes ?? null,
      cell: (p) => <Bytes value={p.installedBytes} />,
    },
    {
      id: "layer",
      header: "Added in layer",
      sortValue: (p) => p.layerIndex,
      cell: (p) => {
        const layer = byIndex.get(p.layerIndex);
        return (
          <span title={layer?.createdBy ?? undefined}>
            #{p.layerIndex + 1}
            {layer ? <span className="text-muted"> {summarizeCommand(layer.createdBy, 40)}</span> : null}
          </span>
        );
      },
    },
    { id: "license", header: "License", sortValue: (p) => p.license ?? null, cell: (p) => p.license ?? "–" },
  ];
  return (
    <DataTable
      rows={packages}
      columns={columns}
      rowKey={(p) => `${p.manager}:${p.name}:${p.arch ?? ""}:${p.version}`}
      caption="Installed packages"
      filterText={(p) => `${p.name} ${p.version} ${p.source ?? ""} ${p.license ?? ""}`}
      filterPlaceholder="Search packages…"
      initialSort={{ columnId: "size", direction: "desc" }}
      emptyMessage="No package database was found in this image."
    />
  );
}
