import { BasescopeError } from "../errors";

const MAX_IDS = 500;

/** `?ids=a,b,c` → the ids, or undefined when absent; a bounded list, so one request stays one query. */
export function idsParam(url: URL): string[] | undefined {
  const raw = url.searchParams.get("ids");
  if (raw === null) return undefined;
  const ids = [...new Set(raw.split(",").filter(Boolean))];
  if (ids.length > MAX_IDS)
    throw new BasescopeError("InvalidInput", `ids may name at most ${MAX_IDS} images.`);
  return ids;
}
