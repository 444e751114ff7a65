import type { Metadata } from "next";
import Link from "next/link";
import { CompareTable, toImageRow } from "@/components/images";
import { Breakable, Bytes, Card } from "@/components/ui";
import { diffPackages, sharedLayers } from "@/lib/compare/compare";
import { getImageDetail, listImages } from "@/lib/db/images";
import { formatCount, shortReference } from "@/lib/format";

export const metadata: Metadata = { title: "Compare" };
export const dynamic = "force-dynamic";

type Props = { searchParams: Promise<{ ids?: string }> };

async function Picker() {
  const images = await listImages();
  return (
    <form method="get" action="/compare" className="space-y-3">
      <p className="text-muted">Pick two to four images to compare side by side.</p>
      <fieldset className="grid min-w-0 gap-1 sm:grid-cols-2">
        <legend className="sr-only">Images</legend>
        {images.map((i) => (
          <label key={i.id} className="flex min-w-0 items-start gap-2 font-mono text-sm">
            <input type="checkbox" name="ids" value={i.id} className="mt-1" />
            <span className="min-w-0 break-words">
              <Breakable text={shortReference(i.reference)} />{" "}
              <span className="text-muted">{i.platform}</span>
            </span>
          </label>
        ))}
      </fieldset>
      <button type="submit" className="rounded-md bg-accent px-4 py-2 font-medium text-accent-fg">
        Compare
      </button>
    </form>
  );
}

export default async function ComparePage({ searchParams }: Props) {
  const raw = (await searchParams).ids;
  const ids = [
    ...new Set((Array.isArray(raw) ? raw.join(",") : (raw ?? "")).split(",").filter(Boolean)),
  ].slice(0, 4);
  const details = (await Promise.all(ids.map((id) => getImageDetail(id)))).filter((d) => d?.result);
  if (details.length < 2) {
    return (
      <div className="space-y-4">
        <h1 className="text-2xl font-semibold">Compare images</h1>
        {ids.length > 0 && (
          <p role="alert">
            Two to four analysed images are needed; {details.length} of the ones asked for have a result.
          </p>
        )}
        <Picker />
      </div>
    );
  }
  const results = details.map((d) => d!.result!);
  const rows = results.map(toImageRow);
  const pk = diffPackages(results.map((r) => r.packageItems));
  const shared = sharedLayers(results.map((r) => r.layers));
  const names = results.map((r) => shortReference(r.reference));
  const packageSummary = [
    `${formatCount(pk.common)} identical in all`,
    ...(pk.versionDiffers > 0 ? [`${formatCount(pk.versionDiffers)} with different versions`] : []),
    ...pk.onlyIn.flatMap((n, i) => (n > 0 ? [`${formatCount(n)} only in ${names[i]}`] : [])),
  ].join("; ");
  return (
    <div className="space-y-8">
      <h1 className="text-2xl font-semibold">Compare images</h1>
      <Card
        title="Side by side"
        description="Deltas are against the first image."
        actions={
          <a className="text-sm underline" href={`/api/export.csv?ids=${ids.join(",")}`} download>
            Download CSV
          </a>
        }
      >
        <CompareTable rows={rows} />
      </Card>
      <Card
        title="Shared layers"
        description="Layers with the same blob digest are pulled and stored once on a host or registry."
      >
        {shared.layers.length === 0 ? (
          <p>These images share no layers.</p>
        ) : (
          <>
            <p>
              {formatCount(shared.layers.length)}{" "}
              {shared.layers.length === 1 ? "shared layer saves" : "shared layers save"}{" "}
              <Bytes value={shared.savedCompressedBytes} /> of downloads and{" "}
              <Bytes value={shared.savedUncompressedBytes} /> on disk when these images live on one host.
            </p>
            <ul className="mt-2 list-disc pl-5 font-mono text-sm">
              {shared.layers.map((l) => (
                <li key={l.digest} className="break-all">
                  {l.digest.slice(0, 19)}… (<Bytes value={l.compressedBytes} />) in{" "}
                  {l.images.map((i) => names[i]).join(", ")}
                </li>
              ))}
            </ul>
          </>
        )}
      </Card>
      <Card title="Packages" description={`${packageSummary}.`}>
        {pk.rows.length === 0 ? (
          <p>The package lists are identical.</p>
        ) : (
          <div className="relative max-h-[32rem] overflow-auto">
            <table className="w-full text-sm">
              <thead className="sticky top-0 bg-surface">
                <tr>
                  <th scope="col" className="py-1 text-left">
                    Package
                  </th>
                  {names.map((n, i) => (
                    <th key={i} scope="col" className="py-1 text-left font-mono">
                      <Link href={`/images/${results[i].id}`} className="underline">
                        {n}
                      </Link>
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {pk.rows.map((r) => (
                  <tr key={r.name + r.versions.join()} className="border-t border-line">
                    <th scope="row" className="py-1 text-left font-mono font-normal">
                      {r.name}
                    </th>
                    {r.versions.map((v, i) => (
                      <td key={i} className={`py-1 font-mono ${v === null ? "text-muted" : ""}`}>
                        {v ?? "—"}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </Card>
    </div>
  );
}
