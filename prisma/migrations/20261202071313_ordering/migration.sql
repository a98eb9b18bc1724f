-- CreateEnum
CREATE TYPE "OrderEventKind" AS ENUM ('place', 'amend', 'cancel_by_buyer', 'confirm', 'short_ship', 'record_weights', 'pack', 'cancel_by_seller', 'receive', 'dispatch', 'deliver', 'close', 'cancel_by_operator');

-- CreateEnum
CREATE TYPE "PriceSource" AS ENUM ('tier', 'contract');

-- CreateEnum
CREATE TYPE "OrderChannel" AS ENUM ('web', 'api');

-- CreateEnum
CREATE TYPE "NotificationKind" AS ENUM ('order_placed', 'order_confirmed', 'order_short_shipped', 'order_cancelled', 'price_changed', 'order_delivered');

-- CreateEnum
CREATE TYPE "EmailStatus" AS ENUM ('queued', 'sent', 'logged', 'failed');

-- AlterEnum: statuses of existing orders map onto the new lifecycle (ADR 0008)
CREATE TYPE "OrderStatus_new" AS ENUM ('placed', 'partially_confirmed', 'confirmed', 'packed', 'received', 'out_for_delivery', 'partially_delivered', 'delivered', 'closed', 'cancelled');
ALTER TABLE "public"."orders" ALTER COLUMN "status" DROP DEFAULT;
ALTER TABLE "orders" ALTER COLUMN "status" TYPE "OrderStatus_new" USING ((CASE "status"::text WHEN 'in_delivery' THEN 'out_for_delivery' ELSE "status"::text END)::"OrderStatus_new");
ALTER TYPE "OrderStatus" RENAME TO "OrderStatus_old";
ALTER TYPE "OrderStatus_new" RENAME TO "OrderStatus";
DROP TYPE "public"."OrderStatus_old";
ALTER TABLE "orders" ALTER COLUMN "status" SET DEFAULT 'placed';

-- AlterEnum: pending is placed, accepted confirmed, rejected cancelled, shipped out for delivery
CREATE TYPE "SellerOrderStatus_new" AS ENUM ('placed', 'confirmed', 'packed', 'received', 'out_for_delivery', 'delivered', 'closed', 'cancelled');
ALTER TABLE "public"."seller_orders" ALTER COLUMN "status" DROP DEFAULT;
ALTER TABLE "seller_orders" ALTER COLUMN "status" TYPE "SellerOrderStatus_new" USING ((CASE "status"::text WHEN 'pending' THEN 'placed' WHEN 'accepted' THEN 'confirmed' WHEN 'rejected' THEN 'cancelled' WHEN 'shipped' THEN 'out_for_delivery' ELSE "status"::text END)::"SellerOrderStatus_new");
ALTER TYPE "SellerOrderStatus" RENAME TO "SellerOrderStatus_old";
ALTER TYPE "SellerOrderStatus_new" RENAME TO "SellerOrderStatus";
DROP TYPE "public"."SellerOrderStatus_old";
ALTER TABLE "seller_orders" ALTER COLUMN "status" SET DEFAULT 'placed';

-- DropForeignKey
ALTER TABLE "orders" DROP CONSTRAINT "orders_slot_id_fkey";

-- DropIndex
DROP INDEX "delivery_slots_warehouse_id_starts_at_key";

-- AlterTable
ALTER TABLE "delivery_slots" DROP COLUMN "capacity",
ADD COLUMN     "booked_ambient_grams" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "booked_chilled_grams" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "booked_frozen_grams" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "capacity_ambient_grams" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "capacity_chilled_grams" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "capacity_frozen_grams" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
ADD COLUMN     "cutoff_at" TIMESTAMPTZ(6),
ADD COLUMN     "district" TEXT;

-- Existing slots: the warehouse's district, cut-off 14:00 Beijing time the day before, 2 t per temperature class
UPDATE "delivery_slots" s SET
  "district" = w."district",
  "cutoff_at" = ((date_trunc('day', (s."starts_at" AT TIME ZONE 'UTC') + interval '8 hours') - interval '1 day' + interval '6 hours') AT TIME ZONE 'UTC'),
  "capacity_ambient_grams" = 2000000,
  "capacity_chilled_grams" = 2000000,
  "capacity_frozen_grams" = 2000000
FROM "warehouses" w WHERE w."id" = s."warehouse_id";
UPDATE "delivery_slots" SET "cutoff_at" = "starts_at" WHERE "cutoff_at" > "starts_at";
ALTER TABLE "delivery_slots" ALTER COLUMN "cutoff_at" SET NOT NULL, ALTER COLUMN "district" SET NOT NULL;

-- AlterTable
ALTER TABLE "order_lines" ADD COLUMN     "actual_grams" INTEGER,
ADD COLUMN     "charged_fen" INTEGER,
ADD COLUMN     "net_weight_grams" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "price_source" "PriceSource" NOT NULL DEFAULT 'tier',
ADD COLUMN     "product_name_en" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "shipped_quantity" INTEGER,
ADD COLUMN     "short_reason" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "sku" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "temp_class" "TempClass" NOT NULL DEFAULT 'ambient',
ADD COLUMN     "variable_weight" BOOLEAN NOT NULL DEFAULT false;

-- Existing lines: snapshots from their packs
UPDATE "order_lines" l SET "sku" = v."sku", "net_weight_grams" = v."net_weight_grams", "variable_weight" = v."variable_weight",
  "temp_class" = p."temp_class", "product_name_en" = p."name_en"
FROM "variants" v JOIN "products" p ON p."id" = v."product_id" WHERE v."id" = l."variant_id";

-- AlterTable
ALTER TABLE "orders" ADD COLUMN     "channel" "OrderChannel" NOT NULL DEFAULT 'web',
ADD COLUMN     "delivery_point_id" UUID,
ADD COLUMN     "idempotency_key" TEXT,
ADD COLUMN     "request_hash" TEXT,
ADD COLUMN     "updated_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP;

-- AlterTable
ALTER TABLE "organizations" ADD COLUMN     "min_order_value_fen" INTEGER NOT NULL DEFAULT 0;

-- AlterTable
ALTER TABLE "seller_orders" ADD COLUMN     "cancel_reason" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "updated_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
ALTER COLUMN "status" SET DEFAULT 'placed';

-- AlterTable
ALTER TABLE "users" ADD COLUMN     "email" TEXT;

-- CreateTable
CREATE TABLE "delivery_points" (
    "id" UUID NOT NULL,
    "organization_id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "name_en" TEXT NOT NULL DEFAULT '',
    "district" TEXT NOT NULL,
    "address" TEXT NOT NULL,
    "lat" DOUBLE PRECISION NOT NULL,
    "lng" DOUBLE PRECISION NOT NULL,
    "receiving_from" TEXT NOT NULL,
    "receiving_to" TEXT NOT NULL,
    "contact_name" TEXT NOT NULL,
    "contact_phone" TEXT NOT NULL,
    "archived_at" TIMESTAMPTZ(6),
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "delivery_points_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "carts" (
    "id" UUID NOT NULL,
    "organization_id" UUID NOT NULL,
    "updated_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "carts_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "cart_lines" (
    "id" UUID NOT NULL,
    "cart_id" UUID NOT NULL,
    "variant_id" UUID NOT NULL,
    "quantity" INTEGER NOT NULL,
    "seen_unit_price_fen" INTEGER NOT NULL,
    "updated_by_id" UUID,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "cart_lines_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "contract_prices" (
    "id" UUID NOT NULL,
    "seller_id" UUID NOT NULL,
    "buyer_id" UUID NOT NULL,
    "variant_id" UUID NOT NULL,
    "unit_price_fen" INTEGER NOT NULL,
    "valid_from" DATE NOT NULL,
    "valid_to" DATE,
    "note" TEXT NOT NULL DEFAULT '',
    "created_by_id" UUID,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "contract_prices_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "order_events" (
    "id" BIGSERIAL NOT NULL,
    "order_id" UUID NOT NULL,
    "seller_order_id" UUID,
    "event" "OrderEventKind" NOT NULL,
    "from_status" "SellerOrderStatus",
    "to_status" "SellerOrderStatus",
    "actor_id" UUID,
    "actor_role" TEXT NOT NULL DEFAULT 'system',
    "reason" TEXT NOT NULL DEFAULT '',
    "details" JSONB,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "order_events_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "audit_entries" (
    "id" BIGSERIAL NOT NULL,
    "actor_id" UUID,
    "organization_id" UUID,
    "action" TEXT NOT NULL,
    "subject_type" TEXT NOT NULL,
    "subject_id" TEXT NOT NULL,
    "details" JSONB,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "audit_entries_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "notifications" (
    "id" UUID NOT NULL,
    "user_id" UUID NOT NULL,
    "kind" "NotificationKind" NOT NULL,
    "order_id" UUID,
    "params" JSONB NOT NULL,
    "dedupe_key" TEXT NOT NULL,
    "read_at" TIMESTAMPTZ(6),
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "notifications_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "email_messages" (
    "id" UUID NOT NULL,
    "to_address" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "status" "EmailStatus" NOT NULL DEFAULT 'queued',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "last_error" TEXT NOT NULL DEFAULT '',
    "dedupe_key" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "sent_at" TIMESTAMPTZ(6),

    CONSTRAINT "email_messages_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "api_keys" (
    "id" UUID NOT NULL,
    "organization_id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "prefix" TEXT NOT NULL,
    "hash" TEXT NOT NULL,
    "scopes" TEXT[],
    "created_by_id" UUID,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "last_used_at" TIMESTAMPTZ(6),
    "revoked_at" TIMESTAMPTZ(6),

    CONSTRAINT "api_keys_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "delivery_points_organization_id_idx" ON "delivery_points"("organization_id");

-- CreateIndex
CREATE UNIQUE INDEX "carts_organization_id_key" ON "carts"("organization_id");

-- CreateIndex
CREATE UNIQUE INDEX "cart_lines_cart_id_variant_id_key" ON "cart_lines"("cart_id", "variant_id");

-- CreateIndex
CREATE INDEX "contract_prices_buyer_id_variant_id_idx" ON "contract_prices"("buyer_id", "variant_id");

-- CreateIndex
CREATE INDEX "contract_prices_seller_id_idx" ON "contract_prices"("seller_id");

-- CreateIndex
CREATE INDEX "order_events_order_id_created_at_idx" ON "order_events"("order_id", "created_at");

-- CreateIndex
CREATE INDEX "order_events_seller_order_id_idx" ON "order_events"("seller_order_id");

-- CreateIndex
CREATE INDEX "audit_entries_subject_type_subject_id_idx" ON "audit_entries"("subject_type", "subject_id");

-- CreateIndex
CREATE INDEX "audit_entries_organization_id_created_at_idx" ON "audit_entries"("organization_id", "created_at");

-- CreateIndex
CREATE INDEX "notifications_user_id_created_at_idx" ON "notifications"("user_id", "created_at");

-- CreateIndex
CREATE UNIQUE INDEX "notifications_user_id_dedupe_key_key" ON "notifications"("user_id", "dedupe_key");

-- CreateIndex
CREATE UNIQUE INDEX "email_messages_dedupe_key_key" ON "email_messages"("dedupe_key");

-- CreateIndex
CREATE INDEX "email_messages_status_created_at_idx" ON "email_messages"("status", "created_at");

-- CreateIndex
CREATE UNIQUE INDEX "api_keys_hash_key" ON "api_keys"("hash");

-- CreateIndex
CREATE INDEX "api_keys_organization_id_idx" ON "api_keys"("organization_id");

-- CreateIndex
CREATE INDEX "delivery_slots_district_cutoff_at_idx" ON "delivery_slots"("district", "cutoff_at");

-- CreateIndex
CREATE UNIQUE INDEX "delivery_slots_warehouse_id_district_starts_at_key" ON "delivery_slots"("warehouse_id", "district", "starts_at");

-- CreateIndex
CREATE INDEX "order_lines_seller_order_id_idx" ON "order_lines"("seller_order_id");

-- CreateIndex
CREATE INDEX "orders_slot_id_idx" ON "orders"("slot_id");

-- CreateIndex
CREATE INDEX "orders_status_placed_at_idx" ON "orders"("status", "placed_at");

-- CreateIndex
CREATE UNIQUE INDEX "orders_buyer_id_idempotency_key_key" ON "orders"("buyer_id", "idempotency_key");

-- AddForeignKey
ALTER TABLE "delivery_points" ADD CONSTRAINT "delivery_points_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "carts" ADD CONSTRAINT "carts_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "cart_lines" ADD CONSTRAINT "cart_lines_cart_id_fkey" FOREIGN KEY ("cart_id") REFERENCES "carts"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "cart_lines" ADD CONSTRAINT "cart_lines_variant_id_fkey" FOREIGN KEY ("variant_id") REFERENCES "variants"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "contract_prices" ADD CONSTRAINT "contract_prices_seller_id_fkey" FOREIGN KEY ("seller_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "contract_prices" ADD CONSTRAINT "contract_prices_buyer_id_fkey" FOREIGN KEY ("buyer_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "contract_prices" ADD CONSTRAINT "contract_prices_variant_id_fkey" FOREIGN KEY ("variant_id") REFERENCES "variants"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "orders" ADD CONSTRAINT "orders_slot_id_fkey" FOREIGN KEY ("slot_id") REFERENCES "delivery_slots"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "orders" ADD CONSTRAINT "orders_delivery_point_id_fkey" FOREIGN KEY ("delivery_point_id") REFERENCES "delivery_points"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "order_events" ADD CONSTRAINT "order_events_order_id_fkey" FOREIGN KEY ("order_id") REFERENCES "orders"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "order_events" ADD CONSTRAINT "order_events_seller_order_id_fkey" FOREIGN KEY ("seller_order_id") REFERENCES "seller_orders"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "api_keys" ADD CONSTRAINT "api_keys_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Existing open orders book their slot's weight
UPDATE "delivery_slots" s SET
  "booked_ambient_grams" = b.ambient, "booked_chilled_grams" = b.chilled, "booked_frozen_grams" = b.frozen
FROM (
  SELECT o."slot_id",
    COALESCE(SUM(l."weight_grams") FILTER (WHERE l."temp_class" = 'ambient'), 0)::int AS ambient,
    COALESCE(SUM(l."weight_grams") FILTER (WHERE l."temp_class" = 'chilled'), 0)::int AS chilled,
    COALESCE(SUM(l."weight_grams") FILTER (WHERE l."temp_class" = 'frozen'), 0)::int AS frozen
  FROM "orders" o JOIN "seller_orders" so ON so."order_id" = o."id" JOIN "order_lines" l ON l."seller_order_id" = so."id"
  WHERE o."slot_id" IS NOT NULL AND so."status" <> 'cancelled'
  GROUP BY o."slot_id"
) b WHERE b."slot_id" = s."id";

-- Shanghai's districts (app/modules/orders/districts.ts)
ALTER TABLE "delivery_slots"
  ADD CONSTRAINT "delivery_slots_district_check" CHECK ("district" IN ('黄浦区','徐汇区','长宁区','静安区','普陀区','虹口区','杨浦区','闵行区','宝山区','嘉定区','浦东新区','金山区','松江区','青浦区','奉贤区','崇明区')),
  ADD CONSTRAINT "delivery_slots_cutoff_check" CHECK ("cutoff_at" <= "starts_at"),
  ADD CONSTRAINT "delivery_slots_capacity_check" CHECK ("capacity_ambient_grams" >= 0 AND "capacity_chilled_grams" >= 0 AND "capacity_frozen_grams" >= 0),
  ADD CONSTRAINT "delivery_slots_booked_check" CHECK ("booked_ambient_grams" >= 0 AND "booked_chilled_grams" >= 0 AND "booked_frozen_grams" >= 0);

ALTER TABLE "delivery_points"
  ADD CONSTRAINT "delivery_points_district_check" CHECK ("district" IN ('黄浦区','徐汇区','长宁区','静安区','普陀区','虹口区','杨浦区','闵行区','宝山区','嘉定区','浦东新区','金山区','松江区','青浦区','奉贤区','崇明区')),
  ADD CONSTRAINT "delivery_points_lat_check" CHECK ("lat" BETWEEN -90 AND 90),
  ADD CONSTRAINT "delivery_points_lng_check" CHECK ("lng" BETWEEN -180 AND 180),
  ADD CONSTRAINT "delivery_points_hours_check" CHECK ("receiving_from" ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$' AND "receiving_to" ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$' AND "receiving_from" < "receiving_to");

ALTER TABLE "cart_lines"
  ADD CONSTRAINT "cart_lines_quantity_check" CHECK ("quantity" > 0),
  ADD CONSTRAINT "cart_lines_price_check" CHECK ("seen_unit_price_fen" >= 0);

ALTER TABLE "contract_prices"
  ADD CONSTRAINT "contract_prices_price_check" CHECK ("unit_price_fen" > 0),
  ADD CONSTRAINT "contract_prices_validity_check" CHECK ("valid_to" IS NULL OR "valid_to" >= "valid_from");

-- The estimate stays unit price times quantity, the charge follows shipped packs and weights (ADR 0008)
ALTER TABLE "order_lines"
  ADD CONSTRAINT "order_lines_shipped_check" CHECK ("shipped_quantity" IS NULL OR ("shipped_quantity" >= 0 AND "shipped_quantity" <= "quantity")),
  ADD CONSTRAINT "order_lines_actual_grams_check" CHECK ("actual_grams" IS NULL OR "actual_grams" > 0),
  ADD CONSTRAINT "order_lines_charged_check" CHECK ("charged_fen" IS NULL OR "charged_fen" >= 0);

ALTER TABLE "orders"
  ADD CONSTRAINT "orders_idempotency_key_check" CHECK ("idempotency_key" IS NULL OR length("idempotency_key") BETWEEN 1 AND 255);

-- Order numbers: HM-<Beijing date>-<this sequence>, never blocking concurrent orders
CREATE SEQUENCE "order_number_seq";

-- A line's pack must belong to the seller of its seller order
CREATE FUNCTION "order_line_seller_check"() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  IF NOT EXISTS (
    SELECT 1 FROM "seller_orders" so JOIN "variants" v ON v."id" = NEW."variant_id" JOIN "products" p ON p."id" = v."product_id"
    WHERE so."id" = NEW."seller_order_id" AND p."seller_id" = so."seller_id"
  ) THEN
    RAISE EXCEPTION 'order line pack % does not belong to the seller of seller order %', NEW."variant_id", NEW."seller_order_id" USING ERRCODE = '23514';
  END IF;
  RETURN NEW;
END
$fn$;
CREATE TRIGGER "order_lines_seller_check" BEFORE INSERT OR UPDATE OF "variant_id", "seller_order_id" ON "order_lines"
  FOR EACH ROW EXECUTE FUNCTION "order_line_seller_check"();
