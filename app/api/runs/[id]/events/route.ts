import { getRun } from "@/lib/db/runs";
import { route } from "@/lib/api/handler";
import { runStatusJson } from "@/lib/db/serialize";
import { BasescopeError } from "@/lib/errors";

export const dynamic = "force-dynamic";

const FINAL = new Set(["succeeded", "failed", "cancelled"]);

/**
 * Server-Sent Events of a run's status. It reads the database, not an in-process bus, so it works
 * whichever process (embedded worker or `npm run worker`) runs the analysis.
 */
export const GET = route<{ id: string }>({}, async ({ req, params }) => {
  const first = await getRun(params.id);
  if (!first) throw new BasescopeError("ImageNotFound", `No run with id ${params.id}.`);
  const encoder = new TextEncoder();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      let last = "";
      const send = async () => {
        const run = await getRun(params.id).catch(() => null);
        if (!run) return controller.close();
        const json = JSON.stringify(runStatusJson(run));
        if (json !== last) controller.enqueue(encoder.encode(`event: status\ndata: ${json}\n\n`));
        last = json;
        if (FINAL.has(run.status) || req.signal.aborted) return controller.close();
        timer = setTimeout(() => void send(), 400);
      };
      void send();
    },
    cancel() {
      if (timer) clearTimeout(timer);
    },
  });
  return new Response(stream, {
    headers: {
      "Content-Type": "text/event-stream; charset=utf-8",
      "Cache-Control": "no-cache, no-transform",
      Connection: "keep-alive",
    },
  });
});
