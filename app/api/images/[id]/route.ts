import { deleteImage, getImageDetail } from "@/lib/db/images";
import { route } from "@/lib/api/handler";
import { BasescopeError } from "@/lib/errors";

export const dynamic = "force-dynamic";

export const GET = route<{ id: string }>({}, async ({ params }) => {
  const detail = await getImageDetail(params.id);
  if (!detail) throw new BasescopeError("ImageNotFound", `No image with id ${params.id}.`);
  return Response.json(detail);
});

export const DELETE = route<{ id: string }>({ write: true }, async ({ params }) => {
  if (!(await deleteImage(params.id)))
    throw new BasescopeError("ImageNotFound", `No image with id ${params.id}.`);
  return new Response(null, { status: 204 });
});
