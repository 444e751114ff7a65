import { idsParam } from "@/lib/api/ids";
import { route } from "@/lib/api/handler";
import { exportImages, exportLayers, exportPackages } from "@/lib/db/export";
import { IMAGE_COLUMNS, LAYER_COLUMNS, PACKAGE_COLUMNS } from "@/lib/export/columns";
import { csvHeader, csvRows } from "@/lib/export/csv";
import { BasescopeError } from "@/lib/errors";

export const dynamic = "force-dynamic";

function stream<T>(
  columns: Parameters<typeof csvHeader<T>>[0],
  pages: AsyncGenerator<T[]>,
): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let headerSent = false;
  return new ReadableStream({
    async pull(controller) {
      if (!headerSent) {
        headerSent = true;
        controller.enqueue(encoder.encode(csvHeader(columns)));
        return;
      }
      const next = await pages.next();
      if (next.done) return controller.close();
      controller.enqueue(encoder.encode(csvRows(columns, next.value)));
    },
    async cancel() {
      await pages.return(undefined);
    },
  });
}

/** RFC 4180 CSV of the stored results. ?kind=images|layers|packages, ?ids=a,b */
export const GET = route({}, async ({ req }) => {
  const url = new URL(req.url);
  const kind = url.searchParams.get("kind") ?? "images";
  const ids = idsParam(url);
  const body =
    kind === "images"
      ? stream(IMAGE_COLUMNS, exportImages(ids))
      : kind === "layers"
        ? stream(LAYER_COLUMNS, exportLayers(ids))
        : kind === "packages"
          ? stream(PACKAGE_COLUMNS, exportPackages(ids))
          : null;
  if (!body) throw new BasescopeError("InvalidInput", "kind must be images, layers or packages.");
  return new Response(body, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8; header=present",
      "Content-Disposition": `attachment; filename="basescope-${kind}.csv"`,
    },
  });
});
