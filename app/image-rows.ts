import "server-only";
import { cache } from "react";
import { toImageRow } from "@/components/images";
import { listImages } from "@/lib/db/images";

/**
 * better-sqlite3 answers within the same turn of the event loop, so without a pause every Suspense
 * boundary of the overview resolves before React flushes the page shell, and the first byte waits for the
 * whole render (about 450 ms at 1,000 images, bench/api-list.ts). A few milliseconds let the shell
 * (header, headings, skeletons) go out first; the widgets stream in after it.
 */
const SHELL_FIRST_MS = 5;

/** One database read per request, shared by every widget of a page. */
export const imageRows = cache(async () => {
  await new Promise((r) => setTimeout(r, SHELL_FIRST_MS));
  return (await listImages()).map(toImageRow);
});
