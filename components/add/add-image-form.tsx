"use client";

import { useActionState, useState } from "react";
import {
  addImageAction,
  queueStandardSetAction,
  type AddImageState,
  type StandardSetState,
} from "@/app/add/actions";
import { parsePlatform, parseReference } from "@/lib/reference";
import { RunProgress } from "./run-progress";

function check(fn: () => unknown): string | null {
  try {
    fn();
    return null;
  } catch (e) {
    return e instanceof Error ? e.message : String(e);
  }
}

const inputClass =
  "w-full rounded-md border border-line bg-surface px-3 py-2 focus:outline-2 focus:outline-[var(--focus)]";

/** The add-an-image form: validates as you type with the server's own parser, then follows the run. */
export function AddImageForm({ dockerAvailable }: { dockerAvailable: boolean }) {
  const [state, action, pending] = useActionState<AddImageState, FormData>(addImageAction, {
    status: "idle",
  });
  const [setState, setAction, setPending] = useActionState<StandardSetState>(queueStandardSetAction, {
    status: "idle",
  });
  const [reference, setReference] = useState("");
  const [platform, setPlatform] = useState("");
  const refError = reference.trim() ? check(() => parseReference(reference.trim())) : null;
  const platformError = platform.trim() ? check(() => parsePlatform(platform.trim())) : null;
  const serverError = state.status === "error" ? state : null;

  return (
    <div className="max-w-2xl">
      <form action={action} noValidate className="space-y-5">
        <div>
          <label htmlFor="reference" className="block font-medium">
            Image reference
          </label>
          <p id="reference-hint" className="text-sm text-muted">
            As you would give it to <code>docker pull</code>: <code>alpine:3.22</code>,{" "}
            <code>gcr.io/distroless/java21-debian13</code>, <code>eclipse-temurin:21-jre@sha256:…</code>
          </p>
          <input
            id="reference"
            name="reference"
            required
            autoComplete="off"
            spellCheck={false}
            value={reference}
            onChange={(e) => setReference(e.target.value)}
            aria-invalid={Boolean(refError || serverError?.field === "reference")}
            aria-describedby="reference-hint reference-error"
            className={`${inputClass} mt-1 font-mono`}
          />
          <p id="reference-error" role="alert" className="mt-1 min-h-5 text-sm text-bad">
            {refError ?? (serverError?.field === "reference" ? serverError.message : "")}
          </p>
        </div>
        <div className="grid gap-4 sm:grid-cols-2">
          <div>
            <label htmlFor="platform" className="block font-medium">
              Platform
            </label>
            <input
              id="platform"
              name="platform"
              placeholder="linux/amd64"
              list="platforms"
              value={platform}
              onChange={(e) => setPlatform(e.target.value)}
              aria-invalid={Boolean(platformError)}
              aria-describedby="platform-error"
              className={`${inputClass} mt-1 font-mono`}
            />
            <datalist id="platforms">
              <option value="linux/amd64" />
              <option value="linux/arm64" />
              <option value="linux/arm/v7" />
              <option value="linux/ppc64le" />
              <option value="linux/s390x" />
            </datalist>
            <p id="platform-error" role="alert" className="mt-1 min-h-5 text-sm text-bad">
              {platformError ?? (serverError?.field === "platform" ? serverError.message : "")}
            </p>
          </div>
          <fieldset>
            <legend className="font-medium">Source</legend>
            <label className="mt-2 flex items-center gap-2">
              <input type="radio" name="source" value="registry" defaultChecked /> Registry (no daemon)
            </label>
            <label className={`flex items-center gap-2 ${dockerAvailable ? "" : "text-muted"}`}>
              <input type="radio" name="source" value="docker" disabled={!dockerAvailable} /> Docker engine
              {!dockerAvailable && <span className="text-sm">(no engine reachable)</span>}
            </label>
          </fieldset>
        </div>
        <button
          type="submit"
          disabled={pending || !reference.trim() || Boolean(refError || platformError)}
          className="rounded-md bg-accent px-4 py-2 font-medium text-accent-fg disabled:opacity-50"
        >
          {pending ? "Queueing…" : "Benchmark"}
        </button>
        {serverError?.field === "form" && (
          <p role="alert" className="text-bad">
            {serverError.message}
          </p>
        )}
      </form>
      {state.status === "queued" && (
        <RunProgress
          key={state.runId}
          runId={state.runId}
          imageId={state.imageId}
          reference={state.reference}
        />
      )}

      <form action={setAction} className="mt-10 border-t border-line pt-6">
        <h2 className="font-medium">The standard comparison set</h2>
        <p className="text-sm text-muted">
          alpine, distroless (static, base, java), ubuntu LTS, debian slim, RHEL-family minimal images,
          eclipse-temurin and amazoncorretto JREs. Each is queued as its own run.
        </p>
        <button
          type="submit"
          disabled={setPending}
          className="mt-3 rounded-md border border-line px-4 py-2 font-medium"
        >
          {setPending ? "Queueing…" : "Benchmark the standard set"}
        </button>
        {setState.status === "done" && (
          <p role="status" className="mt-2 text-sm">
            Queued {setState.queued} images.
            {setState.failed.length > 0 && ` Not queued: ${setState.failed.join("; ")}`}
          </p>
        )}
        {setState.status === "error" && (
          <p role="alert" className="mt-2 text-sm text-bad">
            {setState.message}
          </p>
        )}
      </form>
    </div>
  );
}
