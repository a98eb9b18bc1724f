/**
 * The OpenAPI 3.1 document of the buyer API, generated from ./schemas with zod's toJSONSchema: component
 * schemas from the named schemas (output shapes), query parameters from the query schemas' members
 * (input shapes, so defaults and coercions read as a client sends them). Pure; built once per process.
 */
import { z } from "zod";
import { API_SCOPES, type ApiScope } from "./key-format";
import { API_ERROR_STATUS, type ApiErrorCode } from "./errors";
import { apiRegistry, CatalogQuerySchema, IDEMPOTENCY_KEY_PATTERN, MAX_IDEMPOTENCY_KEY_LENGTH, SlotsQuerySchema } from "./schemas";

type Json = Record<string, unknown>;

const ref = (id: string) => ({ $ref: `#/components/schemas/${id}` });

/** The component schemas, each without its own $schema/$id (the document's jsonSchemaDialect covers them). */
function componentSchemas(): Record<string, Json> {
  const { schemas } = z.toJSONSchema(apiRegistry, { uri: (id) => `#/components/schemas/${id}`, target: "draft-2020-12" });
  return Object.fromEntries(
    Object.entries(schemas).map(([id, schema]) => {
      const { $schema: _s, $id: _i, ...rest } = schema as Json;
      return [id, rest];
    }),
  );
}

/** Query parameters from a query schema's members. */
function queryParameters(schema: z.ZodObject): Json[] {
  const json = z.toJSONSchema(schema, { io: "input" }) as { properties?: Record<string, Json>; required?: string[] };
  return Object.entries(json.properties ?? {}).map(([name, property]) => {
    const { description, ...rest } = property;
    return { name, in: "query", required: json.required?.includes(name) ?? false, ...(description ? { description } : {}), schema: rest };
  });
}

const errorResponse = (description: string) => ({ description, content: { "application/json": { schema: ref("Error") } } });

/** The error responses an operation can give, by status, naming the codes each status carries. */
function errors(codes: readonly ApiErrorCode[]): Record<string, Json> {
  const byStatus = new Map<number, ApiErrorCode[]>();
  for (const code of [...codes, "unauthorized", "server_error"] as ApiErrorCode[]) {
    const status = API_ERROR_STATUS[code];
    byStatus.set(status, [...new Set([...(byStatus.get(status) ?? []), code])]);
  }
  return Object.fromEntries([...byStatus].sort(([a], [b]) => a - b).map(([status, list]) => [String(status), errorResponse(`code: ${list.join(", ")}`)]));
}

const security = (scope: ApiScope) => [{ apiKey: [scope] }];
const json = (id: string, description: string) => ({ description, content: { "application/json": { schema: ref(id) } } });

const orderNumberParameter = { name: "number", in: "path", required: true, schema: { type: "string", maxLength: 40 }, description: "The order number, e.g. HM-20261202-000001." };

let cached: Json | undefined;

/** The OpenAPI 3.1 document (the same object on every call). */
export function openApiDocument(): Json {
  cached ??= {
    openapi: "3.1.0",
    jsonSchemaDialect: "https://json-schema.org/draft/2020-12/schema",
    info: {
      title: "沪明直供 Huming Direct buyer API",
      version: "1.0.0",
      description:
        "For buyers' own purchasing systems. Authenticate with an organization API key (created in 账户 → API 密钥, shown once): " +
        "`Authorization: Bearer hm_…`. Every failure answers `{\"error\": {\"code\", \"message\", \"fields\"?}}`. " +
        "Request bodies are JSON, at most 64 KB. Money is in fen, weights in grams, instants in ISO 8601 UTC.",
    },
    servers: [{ url: "/" }],
    components: {
      securitySchemes: {
        apiKey: { type: "http", scheme: "bearer", bearerFormat: "hm_ + 32 base62 characters", description: `Scopes: ${API_SCOPES.join(", ")}.` },
      },
      schemas: componentSchemas(),
    },
    paths: {
      "/api/v1/catalog": {
        get: {
          operationId: "listCatalog",
          summary: "Products with packs, your prices (contract prices where they apply) and available packs",
          security: security("catalog:read"),
          parameters: queryParameters(CatalogQuerySchema),
          responses: { "200": json("CatalogPage", "One page of products."), ...errors(["invalid_request", "forbidden", "method_not_allowed"]) },
        },
      },
      "/api/v1/delivery-points": {
        get: {
          operationId: "listDeliveryPoints",
          summary: "Your delivery points",
          security: security("orders:read"),
          responses: { "200": json("DeliveryPointList", "The delivery points."), ...errors(["forbidden", "method_not_allowed"]) },
        },
      },
      "/api/v1/slots": {
        get: {
          operationId: "listSlots",
          summary: "Open delivery slots for one of your delivery points",
          security: security("orders:read"),
          parameters: queryParameters(SlotsQuerySchema),
          responses: { "200": json("SlotList", "The open slots."), ...errors(["invalid_request", "forbidden", "not_found", "method_not_allowed"]) },
        },
      },
      "/api/v1/orders": {
        post: {
          operationId: "placeOrder",
          summary: "Place an order (exactly once per Idempotency-Key)",
          description:
            "A replay with the same key and body returns the same order as the first answer did (201) with the header Idempotent-Replayed: true; the same key with another body is refused (422 idempotency_key_reused).",
          security: security("orders:write"),
          parameters: [
            {
              name: "Idempotency-Key",
              in: "header",
              required: true,
              description: "Generated by the client per order (a UUID is typical); retries reuse it.",
              schema: { type: "string", minLength: 1, maxLength: MAX_IDEMPOTENCY_KEY_LENGTH, pattern: IDEMPOTENCY_KEY_PATTERN.source },
            },
          ],
          requestBody: { required: true, content: { "application/json": { schema: ref("OrderCreate") } } },
          responses: {
            "201": {
              ...json("Order", "The order, split per seller, with prices as charged (also the answer to a replay)."),
              headers: { "Idempotent-Replayed": { description: "Present on a replay: this key had already placed the order.", schema: { type: "string", enum: ["true"] } } },
            },
            ...errors([
              "invalid_request",
              "malformed_json",
              "idempotency_key_missing",
              "forbidden",
              "cross_site_request",
              "method_not_allowed",
              "insufficient_stock",
              "slot_full",
              "price_changed",
              "payload_too_large",
              "unsupported_media_type",
              "idempotency_key_reused",
              "slot_closed",
              "delivery_point_invalid",
              "unknown_sku",
              "pack_unavailable",
              "invalid_quantity",
              "below_minimum_order",
            ]),
          },
        },
      },
      "/api/v1/orders/{number}": {
        get: {
          operationId: "getOrder",
          summary: "One of your orders",
          security: security("orders:read"),
          parameters: [orderNumberParameter],
          responses: { "200": json("Order", "The order."), ...errors(["forbidden", "not_found", "method_not_allowed"]) },
        },
      },
      "/api/v1/orders/{number}/cancel": {
        post: {
          operationId: "cancelOrder",
          summary: "Cancel one of your orders before the slot's cut-off",
          security: security("orders:write"),
          parameters: [orderNumberParameter],
          requestBody: { required: false, content: { "application/json": { schema: ref("OrderCancel") } } },
          responses: {
            "200": json("Order", "The cancelled order."),
            ...errors(["invalid_request", "malformed_json", "forbidden", "cross_site_request", "not_found", "method_not_allowed", "not_cancellable", "payload_too_large", "unsupported_media_type", "past_cutoff"]),
          },
        },
      },
      "/api/v1/openapi.json": {
        get: { operationId: "openApi", summary: "This document", security: [], responses: { "200": { description: "OpenAPI 3.1", content: { "application/json": {} } } } },
      },
    },
  };
  return cached;
}
