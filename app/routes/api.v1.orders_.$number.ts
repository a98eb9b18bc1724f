// GET /api/v1/orders/{number} (scope orders:read): one of the caller's orders; another organization's is 404.
import { apiError } from "~/modules/api/errors";
import { apiJson, apiRoute, refuseMethod } from "~/modules/api/http.server";
import { findCallerOrder, toApiOrder } from "~/modules/api/orders.server";

export const loader = apiRoute(async ({ params, db, t, authenticate }) => {
  const caller = await authenticate("orders:read");
  const order = await findCallerOrder(db, caller, params.number ?? "");
  if (!order) throw apiError(t, "not_found", {}, { key: "api.error.order_not_found" });
  return apiJson(toApiOrder(order));
});

export const action = refuseMethod("GET");
