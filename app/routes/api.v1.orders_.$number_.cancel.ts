// POST /api/v1/orders/{number}/cancel (scope orders:write), optional body {"reason"}: cancels one of the
// caller's orders before the slot's cut-off; 200 with the cancelled order.
import { apiError } from "~/modules/api/errors";
import { apiJson, apiRoute, readJsonBody, refuseMethod } from "~/modules/api/http.server";
import { cancelApiOrder, toApiOrder } from "~/modules/api/orders.server";
import { OrderCancelSchema } from "~/modules/api/schemas";

export const loader = refuseMethod("POST");

export const action = apiRoute(async ({ request, params, db, t, authenticate }) => {
  if (request.method !== "POST") throw apiError(t, "method_not_allowed", {}, { params: { allow: "POST" }, headers: { Allow: "POST" } });
  const caller = await authenticate("orders:write");
  const body = await readJsonBody(request, OrderCancelSchema, t, { optional: true });
  const cancelled = await cancelApiOrder(db, caller, params.number ?? "", body.reason, t);
  if (!cancelled.ok) throw cancelled.error;
  return apiJson(toApiOrder(cancelled.order));
});
