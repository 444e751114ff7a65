// What the image list and the overview depend on, in one cheap indexed read: results only change when a
// run succeeds (which also refines its image's family) or an image is added or deleted. Plain JavaScript
// so that both the app (lib/db/images.ts) and scripts/start.mjs's page cache run the same query.
export const LIST_VERSION_SQL = `SELECT (SELECT count(*) FROM "Run" WHERE status = 'succeeded') AS runs,
       (SELECT max("finishedAt") FROM "Run" WHERE status = 'succeeded') AS last,
       (SELECT count(*) FROM "Image") AS images`;

/** The row LIST_VERSION_SQL returns, as one string to compare. */
export function listVersionOf(row) {
  return `${row.runs}:${String(row.last)}:${row.images}`;
}
