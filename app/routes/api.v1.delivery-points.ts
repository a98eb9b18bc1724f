// GET /api/v1/delivery-points (scope orders:read): the caller's delivery points, archived ones left out.
import { apiJson, apiRoute, refuseMethod } from "~/modules/api/http.server";
import type { ApiDeliveryPoint } from "~/modules/api/schemas";
import { listDeliveryPointsOf } from "~/modules/orders/ordering-data.server";

export const loader = apiRoute(async ({ db, authenticate }) => {
  const caller = await authenticate("orders:read");
  const points = await listDeliveryPointsOf(db, caller.organizationId);
  // Contact names and phones stay on the site: a purchasing system needs the address, not the people.
  const items: ApiDeliveryPoint[] = points.map((p) => ({
    id: p.id,
    name: p.name,
    nameEn: p.nameEn,
    district: p.district,
    address: p.address,
    lat: p.lat,
    lng: p.lng,
    receivingFrom: p.receivingFrom,
    receivingTo: p.receivingTo,
  }));
  return apiJson({ items });
});

export const action = refuseMethod("GET");
