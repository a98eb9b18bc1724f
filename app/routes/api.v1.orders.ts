// POST /api/v1/orders (scope orders:write) with an Idempotency-Key header: places the order exactly once.
// 201 with the order; a replay of the same key and body answers the same order with Idempotent-Replayed: true.
import { apiError } from "~/modules/api/errors";
import { apiJson, apiRoute, readJsonBody, refuseMethod } from "~/modules/api/http.server";
import { placeApiOrder, toApiOrder } from "~/modules/api/orders.server";
import { IDEMPOTENCY_KEY_PATTERN, OrderCreateSchema } from "~/modules/api/schemas";

export const loader = refuseMethod("POST");

export const action = apiRoute(async ({ request, db, t, authenticate }) => {
  if (request.method !== "POST") throw apiError(t, "method_not_allowed", {}, { params: { allow: "POST" }, headers: { Allow: "POST" } });
  const caller = await authenticate("orders:write");
  const key = request.headers.get("Idempotency-Key");
  if (key === null || !IDEMPOTENCY_KEY_PATTERN.test(key)) {
    throw apiError(t, "idempotency_key_missing", { fields: { "Idempotency-Key": t("api.error.idempotency_key_missing") } });
  }
  const body = await readJsonBody(request, OrderCreateSchema, t);
  const placed = await placeApiOrder(db, caller, body, key, t);
  if (!placed.ok) throw placed.error;
  return apiJson(toApiOrder(placed.order), 201, {
    Location: `/api/v1/orders/${encodeURIComponent(placed.order.number)}`,
    ...(placed.replayed ? { "Idempotent-Replayed": "true" } : {}),
  });
});
