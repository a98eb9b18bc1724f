// GET /api/v1/openapi.json: the API's OpenAPI 3.1 document, generated from its zod schemas. Public: it
// describes the API and holds no data, so no key is needed to read it.
import { apiJson, apiRoute, refuseMethod } from "~/modules/api/http.server";
import { openApiDocument } from "~/modules/api/openapi";

export const loader = apiRoute(async () => apiJson(openApiDocument(), 200, { "Cache-Control": "public, max-age=300", "Access-Control-Allow-Origin": "*" }));

export const action = refuseMethod("GET");
