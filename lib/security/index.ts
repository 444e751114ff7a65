export { createEgressGuard, type EgressGuard, type LookupAll } from "./egress-guard";
export { isNonPublicAddress } from "./ip-ranges";
export { parseRateLimit, takeToken, type RateLimit, type TakeResult } from "./rate-limit";
export { clientKey } from "./client-key";
