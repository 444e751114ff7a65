import { queueStandardSet } from "../lib/jobs/queue-standard-set";

// `npm run seed`: queue the standard comparison set. The running server's worker (or `npm run worker`)
// analyses them; without internet each run fails with "registry unreachable".
const entries = await queueStandardSet();
for (const e of entries)
  console.log(
    e.error ? `not queued  ${e.reference}: ${e.error}` : `queued      ${e.reference}  run ${e.runId}`,
  );
process.exit(entries.some((e) => e.error) ? 1 : 0);
