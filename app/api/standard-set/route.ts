import { route } from "@/lib/api/handler";
import { queueStandardSet } from "@/lib/jobs/queue-standard-set";

export const dynamic = "force-dynamic";

/** Queue the whole standard comparison set (the "benchmark the standard set" button). */
export const POST = route({ write: true }, async () =>
  Response.json({ items: await queueStandardSet() }, { status: 202 }),
);
