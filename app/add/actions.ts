"use server";

import { headers } from "next/headers";
import { assertCanWrite } from "@/lib/api/auth";
import { toBasescopeError } from "@/lib/errors";
import { addImage } from "@/lib/jobs/add-image";
import { queueStandardSet } from "@/lib/jobs/queue-standard-set";
import { clientKey } from "@/lib/security/client-key";

export type AddImageState =
  | { status: "idle" }
  | { status: "queued"; imageId: string; runId: string; reference: string }
  | { status: "error"; field: "reference" | "platform" | "form"; message: string };

/** The form's action: the same validation and queueing as POST /api/images. */
export async function addImageAction(_prev: AddImageState, form: FormData): Promise<AddImageState> {
  const reference = String(form.get("reference") ?? "");
  try {
    const h = await headers();
    assertCanWrite(h);
    const platform = String(form.get("platform") ?? "") || undefined;
    const source = form.get("source") === "docker" ? "docker" : "registry";
    const { imageId, runId } = await addImage({ reference, platform, source }, { client: clientKey(h) });
    return { status: "queued", imageId, runId, reference };
  } catch (e) {
    const err = toBasescopeError(e);
    const field =
      err.kind === "InvalidReference" || err.kind === "NotAllowed"
        ? "reference"
        : /platform/i.test(err.message)
          ? "platform"
          : "form";
    return { status: "error", field, message: err.message };
  }
}

export type StandardSetState =
  | { status: "idle" }
  | { status: "done"; queued: number; failed: string[] }
  | { status: "error"; message: string };

export async function queueStandardSetAction(): Promise<StandardSetState> {
  try {
    assertCanWrite(await headers());
    const items = await queueStandardSet();
    return {
      status: "done",
      queued: items.filter((i) => i.runId).length,
      failed: items.filter((i) => i.error).map((i) => `${i.reference}: ${i.error}`),
    };
  } catch (e) {
    return { status: "error", message: toBasescopeError(e).message };
  }
}
