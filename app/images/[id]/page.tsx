import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import {
  LargestFiles,
  LayersChart,
  LayersTable,
  PackagesTable,
  RunHistory,
  WastedPaths,
  javaText,
  libcText,
  osText,
  userText,
} from "@/components/images";
import { Badge, Breakable, Bytes, Card, Stat, StatGrid } from "@/components/ui";
import type { RunHistoryEntry } from "@/components/types";
import { getImageDetail } from "@/lib/db/images";
import { formatCount, formatDateTime, formatPercent } from "@/lib/format";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ id: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const detail = await getImageDetail((await params).id);
  return { title: detail?.image.reference ?? "Image not found" };
}

export default async function ImagePage({ params }: Props) {
  const { id } = await params;
  const detail = await getImageDetail(id);
  if (!detail) notFound();
  const { image, result, runs, otherPlatforms } = detail;
  const history: RunHistoryEntry[] = runs.map((r) => ({
    id: r.id,
    analyzedAt: r.finishedAt ?? r.createdAt,
    digest: r.digest ?? "",
    compressedBytes: r.compressedBytes ?? 0,
    filesystemBytes: r.filesystemBytes ?? 0,
    packageCount: r.packageCount ?? 0,
    status: r.status === "cancelled" ? "failed" : (r.status as RunHistoryEntry["status"]),
    error: r.error?.message ?? null,
  }));

  return (
    <div className="space-y-8">
      <div>
        <h1 className="font-mono text-xl font-semibold break-words sm:text-2xl">
          <Breakable text={image.reference} />
        </h1>
        <p className="mt-1 flex flex-wrap items-center gap-2 text-sm text-muted">
          <Badge>{image.platform}</Badge>
          <Badge tone="info">{image.family}</Badge>
          {image.labels.map((l) => (
            <Badge key={l}>{l}</Badge>
          ))}
          {result && <span className="break-all font-mono">{result.digest}</span>}
        </p>
        {otherPlatforms.length > 0 && (
          <p className="mt-2 text-sm">
            Other platforms of this tag:{" "}
            {otherPlatforms.map((p, i) => (
              <span key={p.id}>
                {i > 0 && ", "}
                <Link className="underline" href={`/images/${p.id}`}>
                  {p.platform}
                </Link>
              </span>
            ))}
          </p>
        )}
      </div>

      {!result ? (
        <Card title="No result yet">
          <p>{runs[0]?.error?.message ?? "The first benchmark of this image has not finished yet."}</p>
        </Card>
      ) : (
        <>
          <StatGrid>
            <Stat
              label="Compressed"
              value={<Bytes value={result.compressedBytes} estimate={result.compressedIsEstimate} />}
              hint={
                result.compressedIsEstimate
                  ? "Estimate: gzip -6 of each layer (never pushed)"
                  : "What a pull downloads"
              }
            />
            <Stat
              label="On disk"
              value={<Bytes value={result.filesystemBytes} />}
              hint="Files in the merged filesystem"
            />
            <Stat
              label="Uncompressed layers"
              value={<Bytes value={result.uncompressedBytes} />}
              hint="As docker image inspect reports Size"
            />
            <Stat
              label="Layers"
              value={formatCount(result.layerCount)}
              hint={`${formatCount(result.fileCount)} files`}
            />
            <Stat
              label="Packages"
              value={formatCount(result.packages.count)}
              hint={
                result.packages.manager
                  ? `from the ${result.packages.manager} database`
                  : "no package database found"
              }
            />
            <Stat
              label="Wasted"
              value={<Bytes value={result.wastedBytes} />}
              hint={`dive efficiency ${formatPercent(result.efficiency)}`}
            />
          </StatGrid>
          <Card title="What runs inside">
            <dl className="grid gap-x-6 gap-y-2 text-sm sm:grid-cols-2 lg:grid-cols-3">
              {[
                ["OS", osText(result.os)],
                ["libc", libcText(result.libc)],
                ["Shell", result.shell ?? "none"],
                ["Package manager", result.packageManager ?? "none"],
                ["Java runtime", javaText(result.java)],
                ["User", userText(result.user)],
                ["Entrypoint", result.entrypoint?.join(" ") || "none"],
                ["Cmd", result.cmd?.join(" ") || "none"],
                ["Exposed ports", result.exposedPorts.join(", ") || "none"],
                ["Setuid/setgid files", formatCount(result.setuidCount)],
                ["Analysed", formatDateTime(result.analyzedAt)],
                ["Source", result.source],
              ].map(([k, v]) => (
                <div key={k} className="min-w-0">
                  <dt className="text-muted">{k}</dt>
                  <dd className="break-words font-mono">{v}</dd>
                </div>
              ))}
            </dl>
            {result.notes.length > 0 && (
              <ul className="mt-4 list-disc pl-5 text-sm text-muted">
                {result.notes.map((n) => (
                  <li key={n}>{n}</li>
                ))}
              </ul>
            )}
          </Card>
          <Card
            title="Layers"
            description="Each chart segment is one layer, in build order. Compressed = the downloaded blob; uncompressed = file bytes in the layer's tar."
            actions={
              <a className="text-sm underline" href={`/api/export.csv?kind=layers&ids=${image.id}`} download>
                Download CSV
              </a>
            }
          >
            <div className="mb-4">
              <LayersChart layers={result.layers} />
            </div>
            <LayersTable layers={result.layers} />
          </Card>
          <Card
            title="Packages"
            actions={
              <a
                className="text-sm underline"
                href={`/api/export.csv?kind=packages&ids=${image.id}`}
                download
              >
                Download CSV
              </a>
            }
          >
            {result.packageErrors.length > 0 && (
              <p role="note" className="mb-3 text-sm text-warn">
                {result.packageErrors.join(" ")}
              </p>
            )}
            <PackagesTable packages={result.packageItems} layers={result.layers} />
          </Card>
          <div className="grid gap-6 lg:grid-cols-2">
            <Card title="Largest files">
              <LargestFiles files={result.largestFiles} filesystemBytes={result.filesystemBytes} />
            </Card>
            <Card
              title="Wasted space"
              description="Files written in more than one layer, as dive counts them."
            >
              <WastedPaths
                paths={result.wastedPaths}
                wastedBytes={result.wastedBytes}
                efficiency={result.efficiency}
              />
            </Card>
          </div>
        </>
      )}
      <Card title="Run history">
        <RunHistory runs={history} />
      </Card>
    </div>
  );
}
