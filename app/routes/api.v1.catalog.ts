// GET /api/v1/catalog?q=&category=&limit=&cursor= (scope catalog:read): products with packs, the caller's
// prices and available packs, one page at a time with a stable cursor.
import { apiCatalogPage, decodeCursor } from "~/modules/api/catalog.server";
import { apiError } from "~/modules/api/errors";
import { apiJson, apiRoute, parseWith, queryOf, refuseMethod } from "~/modules/api/http.server";
import { CatalogQuerySchema } from "~/modules/api/schemas";
import type { ProductCategory } from "~/generated/prisma/enums";

export const loader = apiRoute(async ({ request, db, t, authenticate }) => {
  const caller = await authenticate("catalog:read");
  const query = parseWith(CatalogQuerySchema, queryOf(request), t);
  const after = query.cursor === undefined ? null : decodeCursor(query.cursor);
  if (query.cursor !== undefined && after === null) throw apiError(t, "invalid_request", { fields: { cursor: t("api.field.invalid_format") } });
  const page = await apiCatalogPage(db, caller.organizationId, { q: query.q, category: query.category as ProductCategory | undefined, limit: query.limit, after }, new Date());
  return apiJson(page);
});

export const action = refuseMethod("GET");
