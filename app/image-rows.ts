import "server-only";
import { cache } from "react";
import { toImageRow } from "@/components/images";
import { listImages } from "@/lib/db/images";

/** One database read per request, shared by every widget of a page. */
export const imageRows = cache(async () => (await listImages()).map(toImageRow));
