import { idsParam } from "@/lib/api/ids";
import { listImages } from "@/lib/db/images";
import { route } from "@/lib/api/handler";
import { sortImages } from "@/lib/api/sort";
import { AddImageSchema, addImage } from "@/lib/jobs/add-image";
import { clientKey } from "@/lib/security/client-key";

export const dynamic = "force-dynamic";

/** Queue a benchmark: 202 with the image and run to follow at /api/runs/:id; 429 + Retry-After past the limit. */
export const POST = route({ write: true, body: AddImageSchema }, async ({ req, body }) => {
  const { imageId, runId, deduplicated } = await addImage(body, { client: clientKey(req.headers) });
  return Response.json(
    { imageId, runId, deduplicated },
    { status: 202, headers: { Location: `/api/runs/${runId}` } },
  );
});

/** The latest successful result per image and platform. ?family=, ?q=, ?label=, ?ids=a,b, ?sort=field[:desc] */
export const GET = route({}, async ({ req }) => {
  const url = new URL(req.url);
  const items = await listImages({
    withLayers: true,
    family: url.searchParams.get("family") ?? undefined,
    q: url.searchParams.get("q") ?? undefined,
    label: url.searchParams.get("label") ?? undefined,
    ids: idsParam(url),
  });
  return Response.json({ items: sortImages(items, url.searchParams.get("sort")) });
});
