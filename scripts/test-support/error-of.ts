import { expect } from "vitest";
import { BasescopeError } from "../../lib/errors";

/** The typed error a promise rejects with; fails the test if it resolves or throws anything else. */
export async function errorOf(p: Promise<unknown>): Promise<BasescopeError> {
  const e = await p.then(
    () => undefined,
    (err) => err,
  );
  expect(e).toBeInstanceOf(BasescopeError);
  return e as BasescopeError;
}
