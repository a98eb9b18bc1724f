import type { LoaderFunctionArgs } from "@remix-run/node";
import { forbidden, notFound, requirePermission } from "~/modules/auth/request.server";
import { isPlanId } from "~/modules/delivery/plans-forms";
import { planProgress, planScope } from "~/modules/delivery/plans.server";
import { prisma } from "~/utils/db.server";

/** A plan's solve progress as JSON, polled every second by the plan page: { solveStatus, progress, cancelRequested, solving }. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "read:plan:warehouse");
  if (!isPlanId(params.planId)) notFound();
  const found = await planProgress(await prisma(), planScope(user), params.planId.toLowerCase());
  if (found.kind === "not_found") notFound();
  if (found.kind === "forbidden") forbidden();
  const { solveStatus, progress, cancelRequested, solving } = found.progress;
  return Response.json({ solveStatus, progress, cancelRequested, solving }, { headers: { "Cache-Control": "no-store" } });
}
