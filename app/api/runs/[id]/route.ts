import { getRun } from "@/lib/db/runs";
import { route } from "@/lib/api/handler";
import { runStatusJson } from "@/lib/db/serialize";
import { BasescopeError } from "@/lib/errors";

export const dynamic = "force-dynamic";

export const GET = route<{ id: string }>({}, async ({ params }) => {
  const run = await getRun(params.id);
  if (!run) throw new BasescopeError("ImageNotFound", `No run with id ${params.id}.`);
  return Response.json(runStatusJson(run));
});
