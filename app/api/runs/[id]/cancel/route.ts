import { requestCancel } from "@/lib/db/runs";
import { route } from "@/lib/api/handler";
import { BasescopeError } from "@/lib/errors";

export const dynamic = "force-dynamic";

export const POST = route<{ id: string }>({ write: true }, async ({ params }) => {
  const status = await requestCancel(params.id);
  if (!status) throw new BasescopeError("ImageNotFound", `No run with id ${params.id}.`);
  return Response.json({ id: params.id, status }, { status: 202 });
});
