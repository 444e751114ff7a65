"use client";

import Link from "next/link";
import { useEffect, useState } from "react";
import { ProgressBar } from "@/components/ui";
import { formatBytes } from "@/lib/format";

type RunStatus = {
  status: "queued" | "running" | "succeeded" | "failed" | "cancelled";
  phase: string | null;
  progress: number;
  bytesDone: number | null;
  bytesTotal: number | null;
  error: { kind: string; message: string } | null;
};

const PHASES: Record<string, string> = {
  resolving: "Reading the manifest",
  pulling: "Pulling through the Docker engine",
  downloading: "Downloading and scanning layers",
  analyzing: "Analysing the filesystem",
  saving: "Saving the result",
  "waiting to retry": "Waiting to retry",
  done: "Done",
};

/** Follows a run through the events endpoint and shows where it is, then the outcome. */
export function RunProgress({
  runId,
  imageId,
  reference,
}: {
  runId: string;
  imageId: string;
  reference: string;
}) {
  const [run, setRun] = useState<RunStatus | null>(null);
  useEffect(() => {
    const source = new EventSource(`/api/runs/${runId}/events`);
    source.addEventListener("status", (e) =>
      setRun(JSON.parse((e as MessageEvent<string>).data) as RunStatus),
    );
    source.onerror = () => source.close();
    return () => source.close();
  }, [runId]);

  if (!run || run.status === "queued" || run.status === "running") {
    const phase =
      run?.status === "queued"
        ? run.error
          ? `Waiting to retry: ${run.error.message}`
          : "Queued"
        : (PHASES[run?.phase ?? ""] ?? run?.phase ?? "Starting");
    const detail = run?.bytesTotal
      ? `${formatBytes(run.bytesDone ?? 0)} of ${formatBytes(run.bytesTotal)}`
      : undefined;
    return (
      <div aria-live="polite" className="mt-6">
        <ProgressBar
          value={run && run.status === "running" ? run.progress : null}
          label={`${reference}: ${phase}`}
          detail={detail}
        />
      </div>
    );
  }
  if (run.status === "succeeded") {
    return (
      <div role="status" className="mt-6 rounded-md border border-line bg-good-bg p-4 text-good">
        <ProgressBar value={1} label={`${reference}: done`} />
        <p className="mt-3">
          Benchmarked.{" "}
          <Link className="font-medium underline" href={`/images/${imageId}`}>
            See the result for {reference}
          </Link>
        </p>
      </div>
    );
  }
  return (
    <div role="alert" className="mt-6 rounded-md border border-line bg-bad-bg p-4 text-bad">
      <p className="font-medium">
        {run.status === "cancelled" ? "Cancelled." : `The benchmark of ${reference} failed.`}
      </p>
      {run.error && <p className="mt-1">{run.error.message}</p>}
    </div>
  );
}
