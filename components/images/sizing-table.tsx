"use client";

import Link from "next/link";
import { useState } from "react";
import { formatArchitecture, formatCount, formatDate, formatDateTime, shortReference } from "@/lib/format";
import { Badge } from "@/components/ui/badge";
import { Breakable } from "@/components/ui/breakable";
import { Bytes } from "@/components/ui/bytes";
import { DataTable, type Column } from "@/components/ui/data-table";
import type { ImageRow } from "../types";
import { compareHref, imageHref, isRootUser, javaText, libcText, rowSearchText, userText } from "./facts";

const MAX_COMPARE = 4;

/** Every analysed image and platform, grouped by family, with a pick-2-to-4 compare action. */
export function SizingTable({ rows }: { rows: readonly ImageRow[] }) {
  const [picked, setPicked] = useState<string[]>([]);
  const toggle = (id: string) =>
    setPicked((prev) =>
      prev.includes(id) ? prev.filter((x) => x !== id) : prev.length < MAX_COMPARE ? [...prev, id] : prev,
    );
  // Ids of rows that have since disappeared (filtered data reloaded) must not end up in the link.
  const live = picked.filter((id) => rows.some((r) => r.id === id));

  const columns: Column<ImageRow>[] = [
    {
      id: "pick",
      header: <span className="sr-only">Pick to compare</span>,
      cell: (r) => {
        const checked = live.includes(r.id);
        return (
          <input
            type="checkbox"
            checked={checked}
            disabled={!checked && live.length >= MAX_COMPARE}
            onChange={() => toggle(r.id)}
            aria-label={`Compare ${shortReference(r.reference)} ${formatArchitecture(r.platform)}`}
          />
        );
      },
    },
    {
      id: "image",
      header: "Image",
      rowHeader: true,
      sortValue: (r) => shortReference(r.reference),
      className: "min-w-40 sm:min-w-48",
      cell: (r) => (
        <div>
          <Link href={imageHref(r.id)} className="font-medium break-words hover:underline">
            <Breakable text={shortReference(r.reference)} />
          </Link>
          <div className="mt-0.5 flex flex-wrap gap-1">
            {r.debugVariant ? (
              <Badge tone="warn" title="Debug variant: adds a shell or busybox">
                debug
              </Badge>
            ) : null}
            {r.labels.map((l) => (
              <Badge key={l}>{l}</Badge>
            ))}
          </div>
        </div>
      ),
    },
    {
      id: "platform",
      header: "Platform",
      sortValue: (r) => r.platform,
      cell: (r) => formatArchitecture(r.platform),
    },
    {
      id: "compressed",
      header: "Compressed",
      description:
        "What a pull downloads: the sum of the compressed layer blobs. ≈ marks a local gzip estimate.",
      align: "right",
      sortValue: (r) => r.compressedBytes,
      cell: (r) => <Bytes value={r.compressedBytes} estimate={r.compressedIsEstimate} />,
    },
    {
      id: "disk",
      header: "On disk",
      description:
        "Bytes of the files in the merged filesystem a container sees (after deletions in later layers).",
      align: "right",
      sortValue: (r) => r.filesystemBytes,
      cell: (r) => <Bytes value={r.filesystemBytes} />,
    },
    {
      id: "layers",
      header: "Layers",
      align: "right",
      sortValue: (r) => r.layerCount,
      cell: (r) => formatCount(r.layerCount),
    },
    {
      id: "packages",
      header: "Packages",
      description: "Installed packages in the package database, and which package manager's database it is.",
      align: "right",
      sortValue: (r) => (r.packageManager || r.packageCount > 0 ? r.packageCount : null),
      cell: (r) =>
        r.packageManager || r.packageCount > 0 ? (
          <span className="whitespace-nowrap">
            {formatCount(r.packageCount)} <span className="text-muted">{r.packageManager ?? ""}</span>
          </span>
        ) : (
          <span className="text-muted">no database</span>
        ),
    },
    {
      id: "libc",
      header: "libc",
      sortValue: (r) => libcText(r.libc),
      cell: (r) => <span className="whitespace-nowrap">{libcText(r.libc)}</span>,
    },
    {
      id: "shell",
      header: "Shell",
      sortValue: (r) => r.shell ?? "",
      cell: (r) =>
        r.shell ? <code className="text-xs">{r.shell}</code> : <span className="text-muted">none</span>,
    },
    {
      id: "java",
      header: "Java",
      description: "The Java runtime in the image: version, JRE or JDK, vendor.",
      sortValue: (r) => r.java?.version ?? null,
      cell: (r) =>
        r.java ? (
          // Version and JRE/JDK on one line, the vendor under it; the full text and home on hover.
          <span title={`${javaText(r.java)} in ${r.java.home}`}>
            <span className="whitespace-nowrap">
              {[r.java.version ?? "version unknown", r.java.imageType].filter(Boolean).join(" ")}
            </span>
            {r.java.vendor ? <span className="block text-xs text-muted">{r.java.vendor}</span> : null}
          </span>
        ) : (
          <span className="text-muted">none</span>
        ),
    },
    {
      id: "user",
      header: "User",
      description: "The user the container runs as unless overridden (image config User).",
      sortValue: (r) => userText(r.user),
      cell: (r) =>
        isRootUser(r.user) ? (
          // Short here so every column fits a laptop screen; the title says why it is root.
          <Badge tone="warn" title={`${userText(r.user)}: the image config sets no other user`}>
            root
          </Badge>
        ) : (
          <Badge tone="good">{r.user}</Badge>
        ),
    },
    {
      id: "analyzed",
      header: "Analysed",
      firstDirection: "desc",
      sortValue: (r) => r.analyzedAt,
      cell: (r) => (
        <time dateTime={r.analyzedAt} title={formatDateTime(r.analyzedAt)} className="whitespace-nowrap">
          {formatDate(r.analyzedAt)}
        </time>
      ),
    },
  ];

  const canCompare = live.length >= 2;
  const toolbar = (
    <div className="ml-auto flex items-center gap-2 text-sm">
      <span className="text-muted" aria-live="polite">
        {live.length === 0 ? "Pick 2–4 images to compare" : `${live.length} of ${MAX_COMPARE} picked`}
      </span>
      {canCompare ? (
        <Link
          href={compareHref(live)}
          className="rounded-md bg-accent px-3 py-1.5 font-medium text-accent-fg"
        >
          Compare {live.length}
        </Link>
      ) : (
        <span aria-disabled="true" className="rounded-md border border-line px-3 py-1.5 text-muted">
          Compare
        </span>
      )}
      {live.length > 0 ? (
        <button type="button" onClick={() => setPicked([])} className="text-accent hover:underline">
          Clear
        </button>
      ) : null}
    </div>
  );

  return (
    <DataTable
      rows={rows}
      columns={columns}
      rowKey={(r) => r.id}
      rowLimit={100}
      dense
      caption="Sizing comparison: every analysed image and platform"
      filterText={rowSearchText}
      filterPlaceholder="Filter: alpine, arm64, musl, 21…"
      groupBy={(r) => r.family}
      groupLabel={(key, groupRows) => `${key} (${groupRows.length})`}
      initialSort={{ columnId: "compressed", direction: "asc" }}
      emptyMessage="No images analysed yet. Add one to start."
      toolbar={toolbar}
      rowClassName={(r) => (live.includes(r.id) ? "bg-info-bg" : undefined)}
    />
  );
}
