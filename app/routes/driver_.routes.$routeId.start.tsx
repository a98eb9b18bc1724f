import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { notFound, requirePermission } from "~/modules/auth/request.server";
import { driverActor } from "~/modules/driver/request.server";
import { startRoute } from "~/modules/driver/sync.server";
import { prisma } from "~/utils/db.server";
import { isUuid } from "~/utils/pagination";

/** Nothing to show here: the button lives on /driver. */
export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "read:deliveries:own");
  throw redirect("/driver");
}

/** "开始配送": records the start and dispatches the route's received seller orders; another driver's route is 404. */
export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requirePermission(request, "deliver:delivery:own");
  if (!isUuid(params.routeId)) notFound();
  const result = await startRoute(await prisma(), driverActor(user), params.routeId);
  if (!result.ok) notFound();
  return redirect(`/driver?started=${result.dispatched}`);
}
