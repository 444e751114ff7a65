import Link from "next/link";
import { Suspense } from "react";
import {
  CriteriaMatrix,
  JavaShareChart,
  PackagesChart,
  SizeChart,
  SizeVsPackagesChart,
  SizingTable,
} from "@/components/images";
import { Card, ChartSkeleton, TableSkeleton } from "@/components/ui";
import { countImages } from "@/lib/db/images";
import { imageRows } from "./image-rows";

export const dynamic = "force-dynamic";

async function Sizing() {
  const rows = await imageRows();
  return (
    <Card
      title="Sizing comparison"
      headingId="sizing"
      description="Compressed is what a pull downloads (Σ of the manifest's layer blobs); on disk is the files a container sees after whiteouts. Hover a size for exact bytes."
      actions={
        <a href="/api/export.csv" className="text-sm font-medium underline" download>
          Download CSV
        </a>
      }
    >
      <SizingTable rows={rows} />
    </Card>
  );
}

async function Charts() {
  const rows = await imageRows();
  const java = rows.filter((r) => r.java);
  return (
    <div className="grid gap-6 lg:grid-cols-2">
      <SizeChart rows={rows} />
      <PackagesChart rows={rows} />
      <SizeVsPackagesChart rows={rows} />
      {java.length > 0 && <JavaShareChart rows={java} />}
    </div>
  );
}

/** Beyond this many images the matrix stops being readable at a glance; the table and CSV have them all. */
const CRITERIA_ROWS = 100;

async function Criteria() {
  const all = await imageRows();
  const rows = all.slice(0, CRITERIA_ROWS);
  return (
    <Card
      title="Base image comparison"
      headingId="criteria"
      description="What each image carries: the attack surface and the conveniences you give up or keep."
    >
      <CriteriaMatrix rows={rows} />
      {all.length > rows.length && (
        <p className="mt-2 text-sm text-muted">
          Showing the first {rows.length} of {all.length} images, by family. Filter the sizing table or{" "}
          <a href="/api/export.csv" className="underline" download>
            download the CSV
          </a>{" "}
          for every one.
        </p>
      )}
    </Card>
  );
}

export default async function OverviewPage() {
  const count = await countImages();
  if (count === 0) {
    return (
      <section aria-labelledby="empty-title" className="mx-auto max-w-2xl py-16 text-center">
        <h1 id="empty-title" className="text-2xl font-semibold">
          No images benchmarked yet
        </h1>
        <p className="mt-3 text-muted">
          basescope measures what a base image really costs: the bytes a pull downloads, the size on disk, its
          layers and packages, and what runs inside (libc, shell, package manager, Java runtime, user).
        </p>
        <p className="mt-6">
          <Link href="/add" className="rounded-md bg-accent px-4 py-2 font-medium text-accent-fg">
            Add an image to benchmark
          </Link>
        </p>
      </section>
    );
  }
  return (
    <div className="space-y-8">
      <h1 className="text-2xl font-semibold">Which base image should we build on?</h1>
      <Suspense fallback={<TableSkeleton label="Loading the sizing table" />}>
        <Sizing />
      </Suspense>
      <Suspense fallback={<ChartSkeleton />}>
        <Charts />
      </Suspense>
      <Suspense fallback={<TableSkeleton label="Loading the comparison" />}>
        <Criteria />
      </Suspense>
    </div>
  );
}
