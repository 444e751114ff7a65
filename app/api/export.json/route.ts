import { idsParam } from "@/lib/api/ids";
import { route } from "@/lib/api/handler";
import { listImages } from "@/lib/db/images";

export const dynamic = "force-dynamic";

/** Every latest result as one JSON document (the same items as GET /api/images), as a download. */
export const GET = route({}, async ({ req }) => {
  const ids = idsParam(new URL(req.url));
  const items = await listImages({ ids, withLayers: true });
  return new Response(JSON.stringify({ exportedAt: new Date().toISOString(), items }, null, 2), {
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      "Content-Disposition": 'attachment; filename="basescope-images.json"',
    },
  });
});
