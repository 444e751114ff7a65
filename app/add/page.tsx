import type { Metadata } from "next";
import { AddImageForm } from "@/components/add/add-image-form";
import { dockerAvailable } from "@/lib/jobs/engine-status";

export const metadata: Metadata = { title: "Add an image" };
export const dynamic = "force-dynamic";

export default async function AddPage() {
  return (
    <>
      <h1 className="mb-2 text-2xl font-semibold">Add an image to benchmark</h1>
      <p className="mb-6 max-w-2xl text-muted">
        basescope reads the image straight from its registry (no Docker daemon needed), measures every layer
        in one pass, and keeps each run, so benchmarking a tag again adds to its history.
      </p>
      <AddImageForm dockerAvailable={await dockerAvailable()} />
    </>
  );
}
