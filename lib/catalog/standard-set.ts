import { z } from "zod";
import data from "./standard-set.json";

const StandardSetSchema = z.object({
  images: z.array(z.object({ reference: z.string().min(1), platform: z.string().optional() })).min(1),
});

/** The editable list of candidate base images (standard-set.json), validated when read. */
export function standardSet() {
  return StandardSetSchema.parse(data).images;
}
