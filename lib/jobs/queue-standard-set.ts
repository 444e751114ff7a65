import "server-only";
import { standardSet } from "../catalog/standard-set";
import { toBasescopeError } from "../errors";
import { addImage } from "./add-image";

export type QueuedEntry = { reference: string; runId?: string; error?: string };

/** Queues every image of the standard set; one that cannot be queued is reported, not fatal. */
export async function queueStandardSet(): Promise<QueuedEntry[]> {
  const out: QueuedEntry[] = [];
  for (const entry of standardSet()) {
    try {
      const { runId } = await addImage({ reference: entry.reference, platform: entry.platform });
      out.push({ reference: entry.reference, runId });
    } catch (e) {
      out.push({ reference: entry.reference, error: toBasescopeError(e).message });
    }
  }
  return out;
}
