import Link from "next/link";
import { countImages } from "@/lib/db/images";

export const dynamic = "force-dynamic";

export default async function OverviewPage() {
  const count = await countImages();
  if (count === 0) {
    return (
      <section aria-labelledby="empty-title" className="mx-auto max-w-2xl py-16 text-center">
        <h1 id="empty-title" className="text-2xl font-semibold">
          No images benchmarked yet
        </h1>
        <p className="mt-3 text-[var(--muted)]">
          basescope measures what a base image really costs: the bytes a pull downloads, the size on disk, its
          layers and packages, and what runs inside (libc, shell, package manager, Java runtime, user).
        </p>
        <p className="mt-6">
          <Link
            href="/add"
            className="rounded-md bg-[var(--accent)] px-4 py-2 font-medium text-[var(--accent-fg)]"
          >
            Add an image to benchmark
          </Link>
        </p>
      </section>
    );
  }
  return <h1 className="text-2xl font-semibold">{count} images</h1>;
}
