// GET /api/v1/slots?deliveryPoint= (scope orders:read): open delivery slots for one of the caller's
// delivery points; another organization's point or an archived one is 404.
import { apiError } from "~/modules/api/errors";
import { apiJson, apiRoute, parseWith, queryOf, refuseMethod } from "~/modules/api/http.server";
import { SlotsQuerySchema, type ApiSlot } from "~/modules/api/schemas";
import { findDeliveryPoint, listOpenSlotsFor } from "~/modules/orders/ordering-data.server";

export const loader = apiRoute(async ({ request, db, t, authenticate }) => {
  const caller = await authenticate("orders:read");
  const query = parseWith(SlotsQuerySchema, queryOf(request), t);
  const point = await findDeliveryPoint(db, query.deliveryPoint.toLowerCase());
  if (!point || point.organizationId !== caller.organizationId || point.archivedAt) {
    throw apiError(t, "not_found", { fields: { deliveryPoint: t("api.error.delivery_point_invalid") } });
  }
  const slots = await listOpenSlotsFor(db, point.id, new Date());
  const items: ApiSlot[] = slots.map((s) => ({
    id: s.id,
    startsAt: s.startsAt.toISOString(),
    endsAt: s.endsAt.toISOString(),
    cutoffAt: s.cutoffAt.toISOString(),
    remainingGrams: s.remainingGrams,
  }));
  return apiJson({ items });
});

export const action = refuseMethod("GET");
