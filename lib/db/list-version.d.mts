export const LIST_VERSION_SQL: string;
export function listVersionOf(row: { runs: unknown; last: unknown; images: unknown }): string;
