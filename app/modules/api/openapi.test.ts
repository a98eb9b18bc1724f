import { describe, expect, it } from "vitest";
import { z } from "zod";
import { openApiDocument } from "./openapi";
import { API_ERROR_STATUS } from "./errors";
import { CatalogQuerySchema, OrderCreateSchema, OrderSchema } from "./schemas";

type Json = Record<string, any>;
const doc = openApiDocument() as Json;

/** Every $ref anywhere in the value. */
function refs(value: unknown, out: string[] = []): string[] {
  if (Array.isArray(value)) value.forEach((v) => refs(v, out));
  else if (value && typeof value === "object") {
    for (const [k, v] of Object.entries(value)) {
      if (k === "$ref" && typeof v === "string") out.push(v);
      else refs(v, out);
    }
  }
  return out;
}

describe("OpenAPI document", () => {
  it("is OpenAPI 3.1 with the bearer scheme and every endpoint of the API", () => {
    expect(doc.openapi).toBe("3.1.0");
    expect(doc.components.securitySchemes.apiKey).toMatchObject({ type: "http", scheme: "bearer" });
    expect(Object.keys(doc.paths).sort()).toEqual([
      "/api/v1/catalog",
      "/api/v1/delivery-points",
      "/api/v1/openapi.json",
      "/api/v1/orders",
      "/api/v1/orders/{number}",
      "/api/v1/orders/{number}/cancel",
      "/api/v1/slots",
    ]);
    expect(Object.keys(doc.paths["/api/v1/orders"])).toEqual(["post"]);
    expect(doc.paths["/api/v1/orders/{number}/cancel"].post.security).toEqual([{ apiKey: ["orders:write"] }]);
  });

  it("generates the component schemas from the zod schemas themselves", () => {
    const schemas = doc.components.schemas as Record<string, Json>;
    expect(Object.keys(schemas).sort()).toEqual(
      ["CatalogPack", "CatalogPage", "CatalogProduct", "DeliveryPoint", "DeliveryPointList", "Error", "Order", "OrderCancel", "OrderCreate", "OrderLine", "SellerOrder", "Slot", "SlotList"].sort(),
    );
    // The request body: the same members, requirements and limits as the parser uses.
    const create = schemas.OrderCreate;
    expect(create.required.sort()).toEqual(["deliveryPoint", "lines", "slot"]);
    expect(create.additionalProperties).toBe(false);
    expect(create.properties.lines).toMatchObject({ type: "array", minItems: 1, maxItems: 200 });
    const line = create.properties.lines.items;
    expect(line.properties.quantity).toMatchObject({ type: "integer", minimum: 1, maximum: 100000 });
    expect(Object.keys(create.properties).sort()).toEqual(Object.keys(OrderCreateSchema.shape).sort());
    // Shared shapes are references, not copies.
    expect(schemas.Order.properties.sellerOrders.items).toEqual({ $ref: "#/components/schemas/SellerOrder" });
    expect(Object.keys(schemas.Order.properties).sort()).toEqual(Object.keys(OrderSchema.shape).sort());
    expect(schemas.Error.properties.error.properties.code.enum.sort()).toEqual(Object.keys(API_ERROR_STATUS).sort());
    expect(schemas.Order.$schema).toBeUndefined();
  });

  it("resolves every reference", () => {
    const all = refs(doc);
    expect(all.length).toBeGreaterThan(10);
    for (const r of all) {
      const id = r.replace("#/components/schemas/", "");
      expect(doc.components.schemas[id], r).toBeDefined();
    }
  });

  it("takes the query parameters from the query schema (defaults and limits as a client sends them)", () => {
    const params = doc.paths["/api/v1/catalog"].get.parameters as Json[];
    expect(params.map((p) => p.name)).toEqual(Object.keys(CatalogQuerySchema.shape));
    expect(params.find((p) => p.name === "limit")).toMatchObject({ in: "query", required: false, schema: { type: "integer", minimum: 1, maximum: 100, default: 20 } });
    expect(params.find((p) => p.name === "category")!.schema.enum).toContain("mushrooms");
    expect(doc.paths["/api/v1/slots"].get.parameters).toEqual([expect.objectContaining({ name: "deliveryPoint", required: true })]);
  });

  it("documents the error codes each operation can answer, all in the one error shape", () => {
    const post = doc.paths["/api/v1/orders"].post;
    expect(post.parameters[0]).toMatchObject({ name: "Idempotency-Key", in: "header", required: true });
    expect(post.responses["201"].content["application/json"].schema).toEqual({ $ref: "#/components/schemas/Order" });
    expect(post.responses["201"].headers["Idempotent-Replayed"]).toBeDefined();
    for (const status of ["400", "401", "403", "409", "413", "415", "422", "500"]) {
      expect(post.responses[status].content["application/json"].schema, status).toEqual({ $ref: "#/components/schemas/Error" });
    }
    expect(post.responses["422"].description).toContain("idempotency_key_reused");
    expect(post.responses["409"].description).toContain("insufficient_stock");
  });

  it("is plain JSON (serialises and reads back unchanged)", () => {
    expect(JSON.parse(JSON.stringify(doc))).toEqual(doc);
    expect(z.toJSONSchema(OrderCreateSchema)).toBeTruthy();
  });
});

describe("limits shared with the placing workflow", () => {
  it("refuses in the schema what placeOrder would refuse with an exception (lines, note, key length)", async () => {
    const workflow = await import("~/workflows/place-order.server");
    const schemas = await import("./schemas");
    expect(schemas.MAX_ORDER_LINES).toBe(workflow.MAX_ORDER_LINES);
    expect(schemas.MAX_NOTE_LENGTH).toBe(workflow.MAX_NOTE_LENGTH);
    expect(schemas.MAX_IDEMPOTENCY_KEY_LENGTH).toBe(workflow.MAX_IDEMPOTENCY_KEY_LENGTH);
    expect(schemas.IDEMPOTENCY_KEY_PATTERN.test("x".repeat(workflow.MAX_IDEMPOTENCY_KEY_LENGTH))).toBe(true);
    expect(schemas.IDEMPOTENCY_KEY_PATTERN.test("x".repeat(workflow.MAX_IDEMPOTENCY_KEY_LENGTH + 1))).toBe(false);
  });
});
