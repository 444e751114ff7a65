import { z } from "zod";
import { BasescopeError, isBasescopeError, toBasescopeError, type ErrorKind } from "../errors";
import { assertCanWrite } from "./auth";

const STATUS: Partial<Record<ErrorKind, number>> = {
  InvalidReference: 400,
  InvalidInput: 400,
  AuthRequired: 401,
  AuthDenied: 403,
  NotAllowed: 403,
  ImageNotFound: 404,
  PlatformNotFound: 404,
  RateLimited: 429,
  LimitExceeded: 413,
};

export function errorResponse(e: unknown): Response {
  const err = toBasescopeError(e);
  const status = STATUS[err.kind] ?? (isBasescopeError(e) ? 502 : 500);
  // Internal errors keep their detail in the server log, not in the response.
  const message = err.kind === "Internal" ? "Something went wrong on the server." : err.message;
  if (err.kind === "Internal") console.error(e);
  const headers: Record<string, string> =
    status === 429 ? { "Retry-After": String(err.retryAfterSeconds ?? 60) } : {};
  return Response.json({ error: { kind: err.kind, message } }, { status, headers });
}

type Ctx<P> = { params: Promise<P> };

/**
 * The one wrapper every route handler goes through: write authorisation, zod validation of the JSON
 * body, and mapping typed errors to HTTP statuses with a message a person can act on.
 */
export function route<P = Record<string, string>, B extends z.ZodType = z.ZodNever>(
  opts: { write?: boolean; body?: B },
  fn: (args: { req: Request; params: P; body: z.infer<B> }) => Promise<Response>,
) {
  return async (req: Request, ctx: Ctx<P>): Promise<Response> => {
    try {
      if (opts.write) assertCanWrite(req.headers);
      let body = undefined as z.infer<B>;
      if (opts.body) {
        const raw = await req.json().catch(() => {
          throw new BasescopeError("InvalidInput", "The request body must be JSON.");
        });
        const parsed = opts.body.safeParse(raw);
        if (!parsed.success) {
          throw new BasescopeError(
            "InvalidInput",
            parsed.error.issues.map((i) => `${i.path.join(".") || "body"}: ${i.message}`).join("; "),
          );
        }
        body = parsed.data;
      }
      return await fn({ req, params: await ctx.params, body });
    } catch (e) {
      return errorResponse(e);
    }
  };
}
