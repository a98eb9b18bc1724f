/**
 * The API's request and response shapes as zod schemas: requests are parsed with them, responses are
 * built to them (the integration tests parse every answer with them), and the OpenAPI document
 * (./openapi.ts) is generated from them, so the three cannot drift apart. Pure.
 */
import { z } from "zod";
import { CATEGORIES } from "~/modules/catalog/categories";
import { MAX_QUANTITY } from "~/modules/catalog/tiers";
import { API_ERROR_STATUS, type ApiErrorCode } from "./errors";
import { API_SCOPES } from "./key-format";

/** Named schemas: each becomes #/components/schemas/<id> in the OpenAPI document. */
export const apiRegistry = z.registry<{ id: string; description?: string }>();

function named<S extends z.ZodType>(schema: S, id: string, description: string): S {
  apiRegistry.add(schema, { id, description });
  return schema;
}

/** Any 8-4-4-4-12 hex id (the database's uuids). */
const Id = z.guid();
const Instant = z.iso.datetime({ offset: true }).describe("An instant, ISO 8601 (UTC).");
const Fen = z.number().int().min(0).describe("Money in fen (1 yuan = 100 fen).");
const Grams = z.number().int().min(0);
const TEMP_CLASSES = ["ambient", "chilled", "frozen"] as const;
const TempClass = z.enum(TEMP_CLASSES);

// Text a person never types (NUL, control characters other than newlines, unpaired surrogates): refused.
const PLAIN_TEXT = /^[^\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\ufffd]*$/;

/** The longest order note. */
export const MAX_NOTE_LENGTH = 500;
/** Most lines in one order request. */
export const MAX_ORDER_LINES = 200;
/** Longest Idempotency-Key header. */
export const MAX_IDEMPOTENCY_KEY_LENGTH = 255;
/** Visible ASCII only: a key is an opaque token the client generates (a UUID is typical). */
export const IDEMPOTENCY_KEY_PATTERN = /^[\x21-\x7e]{1,255}$/;

// ---------------------------------------------------------------------------------------------- errors

export const ApiErrorSchema = named(
  z.strictObject({
    error: z.strictObject({
      code: z.enum(Object.keys(API_ERROR_STATUS) as [ApiErrorCode, ...ApiErrorCode[]]).describe("Stable, for programs."),
      message: z.string().describe("For people: Chinese, or English with Accept-Language: en."),
      fields: z.record(z.string(), z.string()).optional().describe('What is wrong, by field path: "lines.0.quantity", "deliveryPoint", "Idempotency-Key".'),
      requestId: z.string().optional().describe("Quote it to support; it is in every log line of the request."),
      lines: z
        .array(z.strictObject({ sku: z.string(), requested: z.number().int(), available: z.number().int() }))
        .optional()
        .describe("insufficient_stock: each short line and the packs available."),
      short: z
        .array(z.strictObject({ tempClass: TempClass, requestedGrams: Grams, remainingGrams: Grams }))
        .optional()
        .describe("slot_full: each temperature class that does not fit."),
      sellers: z
        .array(z.strictObject({ id: Id, subtotalFen: Fen, minOrderValueFen: Fen, shortfallFen: Fen }))
        .optional()
        .describe("below_minimum_order: each seller whose minimum order value per delivery is not reached."),
    }),
  }),
  "Error",
  'Every failure: {"error": {"code", "message", "fields"?}}.',
);

// ---------------------------------------------------------------------------------------------- catalogue

/** GET /api/v1/catalog query (other query parameters are ignored, as caches and proxies add their own). */
export const CatalogQuerySchema = z.object({
  q: z.string().max(100).regex(PLAIN_TEXT).optional().describe("Search words (Chinese, pinyin, initials, English)."),
  category: z.enum(CATEGORIES as [string, ...string[]]).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20).describe("Products per page (1–100)."),
  cursor: z.string().max(200).optional().describe("nextCursor of the previous page."),
});

const PriceRow = z.strictObject({
  minQuantity: z.number().int().min(1).describe("From this many packs."),
  unitPriceFen: Fen,
  perKgFen: Fen.nullable().describe("Price per kg at the nominal net weight."),
});

export const CatalogPackSchema = named(
  z.strictObject({
    sku: z.string(),
    unit: z.enum(["kg", "jin", "box", "bag", "piece"]),
    itemCount: z.number().int().min(1),
    netWeightGrams: Grams.describe("Net weight of one pack."),
    variableWeight: z.boolean().describe("Charged on the weighed grams; prices are estimates at the net weight."),
    minOrderQuantity: z.number().int().min(1),
    orderMultiple: z.number().int().min(1),
    priceSource: z.enum(["tier", "contract"]).describe("contract: your organization's contract price, which replaces the tiers."),
    prices: z.array(PriceRow).describe("Your prices: the tiers ascending, or your one contract price."),
    available: z.number().int().min(0).describe("Packs available to order now."),
  }),
  "CatalogPack",
  "A pack (SKU) with the caller's prices.",
);

export const CatalogProductSchema = named(
  z.strictObject({
    id: Id,
    nameZh: z.string(),
    nameEn: z.string(),
    category: z.enum(CATEGORIES as [string, ...string[]]),
    originCounty: z.string(),
    tempClass: TempClass,
    seller: z.strictObject({
      id: Id,
      name: z.string(),
      nameEn: z.string().nullable(),
      minOrderValueFen: Fen.describe("The seller's minimum order value per delivery (0: none); an order below it is refused (below_minimum_order)."),
    }),
    packs: z.array(CatalogPackSchema),
  }),
  "CatalogProduct",
  "A listed product and its packs.",
);

export const CatalogPageSchema = named(
  z.strictObject({
    items: z.array(CatalogProductSchema),
    nextCursor: z.string().nullable().describe("Pass as cursor for the next page; null on the last page."),
  }),
  "CatalogPage",
  "One page of the catalogue, ordered by product id so a cursor never skips or repeats a product.",
);

// ---------------------------------------------------------------------------------------------- delivery

export const DeliveryPointSchema = named(
  z.strictObject({
    id: Id,
    name: z.string(),
    nameEn: z.string(),
    district: z.string().describe("Shanghai district, e.g. 杨浦区."),
    address: z.string(),
    lat: z.number().describe("WGS-84."),
    lng: z.number().describe("WGS-84."),
    receivingFrom: z.string().describe('Receiving hours, Beijing time "HH:MM".'),
    receivingTo: z.string(),
  }),
  "DeliveryPoint",
  "One of the caller's delivery addresses.",
);

export const DeliveryPointListSchema = named(z.strictObject({ items: z.array(DeliveryPointSchema) }), "DeliveryPointList", "The caller's delivery points (archived ones left out).");

/** GET /api/v1/slots query. */
export const SlotsQuerySchema = z.object({
  deliveryPoint: Id.describe("One of your delivery points."),
});

const WeightByTemp = z.strictObject({ ambient: Grams, chilled: Grams, frozen: Grams });

export const SlotSchema = named(
  z.strictObject({
    id: Id,
    startsAt: Instant,
    endsAt: Instant,
    cutoffAt: Instant.describe("Orders for this slot are accepted until this instant."),
    remainingGrams: WeightByTemp.describe("Capacity left per temperature class."),
  }),
  "Slot",
  "An open delivery slot of the delivery point's district.",
);

export const SlotListSchema = named(z.strictObject({ items: z.array(SlotSchema) }), "SlotList", "Open slots, soonest first.");

// ---------------------------------------------------------------------------------------------- orders

export const OrderLineInputSchema = z.strictObject({
  sku: z.string().min(1).max(100).regex(PLAIN_TEXT),
  quantity: z.number().int().min(1).max(MAX_QUANTITY).describe("Packs; the pack's minimum and multiple apply."),
});

/** POST /api/v1/orders body. */
export const OrderCreateSchema = named(
  z.strictObject({
    deliveryPoint: Id,
    slot: Id,
    lines: z.array(OrderLineInputSchema).min(1).max(MAX_ORDER_LINES),
    note: z.string().max(MAX_NOTE_LENGTH).regex(PLAIN_TEXT).optional(),
  }),
  "OrderCreate",
  "An order: one line per SKU (a SKU named twice is added up); it is split per seller.",
);

/** POST /api/v1/orders/{number}/cancel body (optional). */
export const OrderCancelSchema = named(
  z.strictObject({ reason: z.string().max(MAX_NOTE_LENGTH).regex(PLAIN_TEXT).optional() }),
  "OrderCancel",
  "Why the order is cancelled (optional).",
);

export const OrderLineSchema = named(
  z.strictObject({
    sku: z.string(),
    productNameZh: z.string(),
    productNameEn: z.string(),
    quantity: z.number().int(),
    shippedQuantity: z.number().int().nullable().describe("Set when the seller confirms; less than quantity when short-shipped."),
    shortReason: z.string(),
    unitPriceFen: Fen.describe("The unit price as charged."),
    priceSource: z.enum(["tier", "contract"]),
    lineTotalFen: Fen.describe("unitPriceFen × quantity (an estimate for variable-weight packs)."),
    chargedFen: Fen.describe("What is charged now: the estimate until the seller confirms (and weighs)."),
    final: z.boolean().describe("The charge is final (fixed-weight and confirmed, or weighed)."),
    netWeightGrams: Grams,
    variableWeight: z.boolean(),
    actualGrams: Grams.nullable().describe("Weighed grams of a variable-weight line."),
    tempClass: TempClass,
  }),
  "OrderLine",
  "A line with its price as charged.",
);

export const SellerOrderSchema = named(
  z.strictObject({
    seller: z.strictObject({ id: Id, name: z.string(), nameEn: z.string().nullable() }),
    status: z.enum(["placed", "confirmed", "packed", "received", "out_for_delivery", "delivered", "closed", "cancelled"]),
    subtotalFen: Fen,
    cancelReason: z.string(),
    lines: z.array(OrderLineSchema),
  }),
  "SellerOrder",
  "The part of an order one seller fulfils.",
);

export const OrderSchema = named(
  z.strictObject({
    number: z.string().describe("e.g. HM-20261202-000001."),
    status: z.enum(["placed", "partially_confirmed", "confirmed", "packed", "received", "out_for_delivery", "partially_delivered", "delivered", "closed", "cancelled"]),
    channel: z.enum(["web", "api"]),
    placedAt: Instant,
    note: z.string(),
    deliveryPoint: z.strictObject({ id: Id.nullable(), address: z.string() }),
    slot: z.strictObject({ id: Id, startsAt: Instant, endsAt: Instant, cutoffAt: Instant }).nullable(),
    subtotalFen: Fen,
    deliveryFeeFen: Fen,
    totalFen: Fen.describe("The order's total as stored: the estimate when placed, updated as lines become final."),
    estimatedTotalFen: Fen.describe("Σ unit price × packs ordered, plus the delivery fee."),
    chargedTotalFen: Fen.describe("Σ current line charges of seller orders not cancelled, plus the delivery fee."),
    final: z.boolean().describe("Every line's charge is final."),
    sellerOrders: z.array(SellerOrderSchema),
  }),
  "Order",
  "An order with its seller orders and lines.",
);

export type CatalogQuery = z.output<typeof CatalogQuerySchema>;
export type CatalogPage = z.output<typeof CatalogPageSchema>;
export type CatalogProduct = z.output<typeof CatalogProductSchema>;
export type CatalogPack = z.output<typeof CatalogPackSchema>;
export type ApiDeliveryPoint = z.output<typeof DeliveryPointSchema>;
export type ApiSlot = z.output<typeof SlotSchema>;
export type OrderCreate = z.output<typeof OrderCreateSchema>;
export type ApiOrder = z.output<typeof OrderSchema>;
export type ApiErrorJson = z.output<typeof ApiErrorSchema>;

/** The scopes as a schema (for the key form and the document). */
export const ApiScopeSchema = z.enum(API_SCOPES);
