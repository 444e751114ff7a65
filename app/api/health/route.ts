import { prisma } from "@/lib/db/client";

export const dynamic = "force-dynamic";

/** Liveness and database reachability, for the test harness and load balancers. */
export async function GET() {
  await prisma.image.count();
  return Response.json({ ok: true });
}
