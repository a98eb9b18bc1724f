-- CreateEnum
CREATE TYPE "OrgKind" AS ENUM ('cooperative', 'snack_supplier', 'wholesale_market', 'canteen', 'community_group', 'platform');

-- CreateEnum
CREATE TYPE "Role" AS ENUM ('seller', 'buyer', 'operator', 'driver', 'admin');

-- CreateEnum
CREATE TYPE "Locale" AS ENUM ('zh', 'en');

-- CreateEnum
CREATE TYPE "TempClass" AS ENUM ('ambient', 'chilled', 'frozen');

-- CreateEnum
CREATE TYPE "ProductCategory" AS ENUM ('mushrooms', 'bamboo_shoots', 'tea', 'rice_grains', 'fruit', 'vegetables', 'forest_goods', 'bean_products', 'snacks_prepared', 'frozen_foods');

-- CreateEnum
CREATE TYPE "PackUnit" AS ENUM ('kg', 'jin', 'box', 'bag', 'piece');

-- CreateEnum
CREATE TYPE "ProductStatus" AS ENUM ('draft', 'active', 'archived');

-- CreateEnum
CREATE TYPE "OrderStatus" AS ENUM ('placed', 'confirmed', 'in_delivery', 'delivered', 'cancelled');

-- CreateEnum
CREATE TYPE "SellerOrderStatus" AS ENUM ('pending', 'accepted', 'rejected', 'shipped', 'delivered', 'cancelled');

-- CreateEnum
CREATE TYPE "StockMovementKind" AS ENUM ('receipt', 'reservation', 'release', 'shipment', 'adjustment', 'spoilage');

-- CreateTable
CREATE TABLE "organizations" (
    "id" UUID NOT NULL,
    "kind" "OrgKind" NOT NULL,
    "name" TEXT NOT NULL,
    "name_en" TEXT,
    "county" TEXT NOT NULL,
    "address" TEXT NOT NULL,
    "lat" DOUBLE PRECISION,
    "lng" DOUBLE PRECISION,
    "business_licence_no" TEXT,
    "food_licence_no" TEXT,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "organizations_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "users" (
    "id" UUID NOT NULL,
    "phone" TEXT NOT NULL,
    "display_name" TEXT NOT NULL,
    "password_hash" TEXT NOT NULL,
    "locale" "Locale" NOT NULL DEFAULT 'zh',
    "active" BOOLEAN NOT NULL DEFAULT true,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "users_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "memberships" (
    "id" UUID NOT NULL,
    "user_id" UUID NOT NULL,
    "organization_id" UUID NOT NULL,
    "role" "Role" NOT NULL,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "memberships_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "sessions" (
    "id" TEXT NOT NULL,
    "user_id" UUID NOT NULL,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expires_at" TIMESTAMPTZ(6) NOT NULL,

    CONSTRAINT "sessions_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "login_attempts" (
    "id" BIGSERIAL NOT NULL,
    "phone" TEXT NOT NULL,
    "ip" TEXT NOT NULL,
    "success" BOOLEAN NOT NULL,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "login_attempts_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "products" (
    "id" UUID NOT NULL,
    "seller_id" UUID NOT NULL,
    "category" "ProductCategory" NOT NULL,
    "name_zh" TEXT NOT NULL,
    "name_en" TEXT NOT NULL,
    "description_zh" TEXT NOT NULL DEFAULT '',
    "description_en" TEXT NOT NULL DEFAULT '',
    "origin_county" TEXT NOT NULL,
    "temp_class" "TempClass" NOT NULL,
    "shelf_life_days" INTEGER NOT NULL,
    "status" "ProductStatus" NOT NULL DEFAULT 'active',
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "products_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "variants" (
    "id" UUID NOT NULL,
    "product_id" UUID NOT NULL,
    "sku" TEXT NOT NULL,
    "unit" "PackUnit" NOT NULL,
    "label" TEXT NOT NULL,
    "net_weight_grams" INTEGER NOT NULL,
    "volume_cm3" INTEGER NOT NULL,
    "variable_weight" BOOLEAN NOT NULL DEFAULT false,
    "active" BOOLEAN NOT NULL DEFAULT true,

    CONSTRAINT "variants_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "price_tiers" (
    "id" UUID NOT NULL,
    "variant_id" UUID NOT NULL,
    "min_quantity" INTEGER NOT NULL,
    "unit_price_fen" INTEGER NOT NULL,

    CONSTRAINT "price_tiers_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "lots" (
    "id" UUID NOT NULL,
    "variant_id" UUID NOT NULL,
    "code" TEXT NOT NULL,
    "produced_at" TIMESTAMPTZ(6) NOT NULL,
    "expires_at" TIMESTAMPTZ(6) NOT NULL,
    "certificates" JSONB NOT NULL DEFAULT '[]',
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "lots_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "warehouses" (
    "id" UUID NOT NULL,
    "operator_id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "district" TEXT NOT NULL,
    "address" TEXT NOT NULL,
    "lat" DOUBLE PRECISION NOT NULL,
    "lng" DOUBLE PRECISION NOT NULL,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "warehouses_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "cold_rooms" (
    "id" UUID NOT NULL,
    "warehouse_id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "temp_class" "TempClass" NOT NULL,
    "capacity_grams" INTEGER NOT NULL,
    "capacity_litres" INTEGER NOT NULL,

    CONSTRAINT "cold_rooms_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "vehicles" (
    "id" UUID NOT NULL,
    "warehouse_id" UUID NOT NULL,
    "plate" TEXT NOT NULL,
    "temp_classes" "TempClass"[],
    "payload_grams" INTEGER NOT NULL,
    "volume_litres" INTEGER NOT NULL,
    "driver_id" UUID,
    "active" BOOLEAN NOT NULL DEFAULT true,

    CONSTRAINT "vehicles_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "delivery_slots" (
    "id" UUID NOT NULL,
    "warehouse_id" UUID NOT NULL,
    "starts_at" TIMESTAMPTZ(6) NOT NULL,
    "ends_at" TIMESTAMPTZ(6) NOT NULL,
    "capacity" INTEGER NOT NULL,

    CONSTRAINT "delivery_slots_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "orders" (
    "id" UUID NOT NULL,
    "number" TEXT NOT NULL,
    "buyer_id" UUID NOT NULL,
    "placed_by_id" UUID NOT NULL,
    "status" "OrderStatus" NOT NULL DEFAULT 'placed',
    "slot_id" UUID,
    "delivery_address" TEXT NOT NULL,
    "lat" DOUBLE PRECISION NOT NULL,
    "lng" DOUBLE PRECISION NOT NULL,
    "subtotal_fen" INTEGER NOT NULL,
    "delivery_fee_fen" INTEGER NOT NULL DEFAULT 0,
    "total_fen" INTEGER NOT NULL,
    "note" TEXT NOT NULL DEFAULT '',
    "placed_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "orders_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "seller_orders" (
    "id" UUID NOT NULL,
    "order_id" UUID NOT NULL,
    "seller_id" UUID NOT NULL,
    "status" "SellerOrderStatus" NOT NULL DEFAULT 'pending',
    "subtotal_fen" INTEGER NOT NULL,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "seller_orders_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "order_lines" (
    "id" UUID NOT NULL,
    "seller_order_id" UUID NOT NULL,
    "variant_id" UUID NOT NULL,
    "product_name_zh" TEXT NOT NULL,
    "quantity" INTEGER NOT NULL,
    "unit_price_fen" INTEGER NOT NULL,
    "line_total_fen" INTEGER NOT NULL,
    "weight_grams" INTEGER NOT NULL,

    CONSTRAINT "order_lines_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "stock_ledger" (
    "id" BIGSERIAL NOT NULL,
    "variant_id" UUID NOT NULL,
    "warehouse_id" UUID,
    "lot_id" UUID,
    "order_line_id" UUID,
    "kind" "StockMovementKind" NOT NULL,
    "quantity_delta" INTEGER NOT NULL,
    "note" TEXT NOT NULL DEFAULT '',
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "stock_ledger_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "organizations_kind_idx" ON "organizations"("kind");

-- CreateIndex
CREATE UNIQUE INDEX "users_phone_key" ON "users"("phone");

-- CreateIndex
CREATE INDEX "memberships_organization_id_idx" ON "memberships"("organization_id");

-- CreateIndex
CREATE UNIQUE INDEX "memberships_user_id_organization_id_role_key" ON "memberships"("user_id", "organization_id", "role");

-- CreateIndex
CREATE INDEX "sessions_user_id_idx" ON "sessions"("user_id");

-- CreateIndex
CREATE INDEX "login_attempts_phone_created_at_idx" ON "login_attempts"("phone", "created_at");

-- CreateIndex
CREATE INDEX "login_attempts_ip_created_at_idx" ON "login_attempts"("ip", "created_at");

-- CreateIndex
CREATE INDEX "products_seller_id_idx" ON "products"("seller_id");

-- CreateIndex
CREATE INDEX "products_category_status_idx" ON "products"("category", "status");

-- CreateIndex
CREATE UNIQUE INDEX "variants_sku_key" ON "variants"("sku");

-- CreateIndex
CREATE INDEX "variants_product_id_idx" ON "variants"("product_id");

-- CreateIndex
CREATE UNIQUE INDEX "price_tiers_variant_id_min_quantity_key" ON "price_tiers"("variant_id", "min_quantity");

-- CreateIndex
CREATE UNIQUE INDEX "lots_variant_id_code_key" ON "lots"("variant_id", "code");

-- CreateIndex
CREATE UNIQUE INDEX "cold_rooms_warehouse_id_name_key" ON "cold_rooms"("warehouse_id", "name");

-- CreateIndex
CREATE UNIQUE INDEX "vehicles_plate_key" ON "vehicles"("plate");

-- CreateIndex
CREATE UNIQUE INDEX "delivery_slots_warehouse_id_starts_at_key" ON "delivery_slots"("warehouse_id", "starts_at");

-- CreateIndex
CREATE UNIQUE INDEX "orders_number_key" ON "orders"("number");

-- CreateIndex
CREATE INDEX "orders_buyer_id_placed_at_idx" ON "orders"("buyer_id", "placed_at");

-- CreateIndex
CREATE INDEX "seller_orders_seller_id_status_idx" ON "seller_orders"("seller_id", "status");

-- CreateIndex
CREATE UNIQUE INDEX "seller_orders_order_id_seller_id_key" ON "seller_orders"("order_id", "seller_id");

-- CreateIndex
CREATE INDEX "order_lines_variant_id_idx" ON "order_lines"("variant_id");

-- CreateIndex
CREATE INDEX "stock_ledger_variant_id_created_at_idx" ON "stock_ledger"("variant_id", "created_at");

-- AddForeignKey
ALTER TABLE "memberships" ADD CONSTRAINT "memberships_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "memberships" ADD CONSTRAINT "memberships_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "products" ADD CONSTRAINT "products_seller_id_fkey" FOREIGN KEY ("seller_id") REFERENCES "organizations"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "variants" ADD CONSTRAINT "variants_product_id_fkey" FOREIGN KEY ("product_id") REFERENCES "products"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "price_tiers" ADD CONSTRAINT "price_tiers_variant_id_fkey" FOREIGN KEY ("variant_id") REFERENCES "variants"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "lots" ADD CONSTRAINT "lots_variant_id_fkey" FOREIGN KEY ("variant_id") REFERENCES "variants"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "warehouses" ADD CONSTRAINT "warehouses_operator_id_fkey" FOREIGN KEY ("operator_id") REFERENCES "organizations"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "cold_rooms" ADD CONSTRAINT "cold_rooms_warehouse_id_fkey" FOREIGN KEY ("warehouse_id") REFERENCES "warehouses"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "vehicles" ADD CONSTRAINT "vehicles_warehouse_id_fkey" FOREIGN KEY ("warehouse_id") REFERENCES "warehouses"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "vehicles" ADD CONSTRAINT "vehicles_driver_id_fkey" FOREIGN KEY ("driver_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "delivery_slots" ADD CONSTRAINT "delivery_slots_warehouse_id_fkey" FOREIGN KEY ("warehouse_id") REFERENCES "warehouses"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "orders" ADD CONSTRAINT "orders_buyer_id_fkey" FOREIGN KEY ("buyer_id") REFERENCES "organizations"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "orders" ADD CONSTRAINT "orders_placed_by_id_fkey" FOREIGN KEY ("placed_by_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "orders" ADD CONSTRAINT "orders_slot_id_fkey" FOREIGN KEY ("slot_id") REFERENCES "delivery_slots"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "seller_orders" ADD CONSTRAINT "seller_orders_order_id_fkey" FOREIGN KEY ("order_id") REFERENCES "orders"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "seller_orders" ADD CONSTRAINT "seller_orders_seller_id_fkey" FOREIGN KEY ("seller_id") REFERENCES "organizations"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "order_lines" ADD CONSTRAINT "order_lines_seller_order_id_fkey" FOREIGN KEY ("seller_order_id") REFERENCES "seller_orders"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "order_lines" ADD CONSTRAINT "order_lines_variant_id_fkey" FOREIGN KEY ("variant_id") REFERENCES "variants"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "stock_ledger" ADD CONSTRAINT "stock_ledger_variant_id_fkey" FOREIGN KEY ("variant_id") REFERENCES "variants"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "stock_ledger" ADD CONSTRAINT "stock_ledger_warehouse_id_fkey" FOREIGN KEY ("warehouse_id") REFERENCES "warehouses"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "stock_ledger" ADD CONSTRAINT "stock_ledger_lot_id_fkey" FOREIGN KEY ("lot_id") REFERENCES "lots"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "stock_ledger" ADD CONSTRAINT "stock_ledger_order_line_id_fkey" FOREIGN KEY ("order_line_id") REFERENCES "order_lines"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- CHECK constraints (written by hand: Prisma cannot express them).
ALTER TABLE "organizations"
  ADD CONSTRAINT "organizations_lat_check" CHECK ("lat" IS NULL OR "lat" BETWEEN -90 AND 90),
  ADD CONSTRAINT "organizations_lng_check" CHECK ("lng" IS NULL OR "lng" BETWEEN -180 AND 180),
  ADD CONSTRAINT "organizations_location_pair_check" CHECK (("lat" IS NULL) = ("lng" IS NULL)),
  ADD CONSTRAINT "organizations_name_check" CHECK (length(btrim("name")) > 0);
ALTER TABLE "users"
  ADD CONSTRAINT "users_phone_check" CHECK ("phone" ~ '^1[3-9][0-9]{9}$'),
  ADD CONSTRAINT "users_display_name_check" CHECK (length(btrim("display_name")) > 0);
ALTER TABLE "sessions"
  ADD CONSTRAINT "sessions_expiry_check" CHECK ("expires_at" > "created_at");
ALTER TABLE "products"
  ADD CONSTRAINT "products_shelf_life_check" CHECK ("shelf_life_days" > 0),
  ADD CONSTRAINT "products_name_check" CHECK (length(btrim("name_zh")) > 0);
ALTER TABLE "variants"
  ADD CONSTRAINT "variants_net_weight_check" CHECK ("net_weight_grams" > 0),
  ADD CONSTRAINT "variants_volume_check" CHECK ("volume_cm3" > 0);
ALTER TABLE "price_tiers"
  ADD CONSTRAINT "price_tiers_min_quantity_check" CHECK ("min_quantity" >= 1),
  ADD CONSTRAINT "price_tiers_unit_price_check" CHECK ("unit_price_fen" > 0);
ALTER TABLE "lots"
  ADD CONSTRAINT "lots_expiry_check" CHECK ("expires_at" > "produced_at"),
  ADD CONSTRAINT "lots_certificates_check" CHECK (jsonb_typeof("certificates") = 'array');
ALTER TABLE "warehouses"
  ADD CONSTRAINT "warehouses_lat_check" CHECK ("lat" BETWEEN -90 AND 90),
  ADD CONSTRAINT "warehouses_lng_check" CHECK ("lng" BETWEEN -180 AND 180);
ALTER TABLE "cold_rooms"
  ADD CONSTRAINT "cold_rooms_capacity_check" CHECK ("capacity_grams" > 0 AND "capacity_litres" > 0);
ALTER TABLE "vehicles"
  ADD CONSTRAINT "vehicles_capacity_check" CHECK ("payload_grams" > 0 AND "volume_litres" > 0),
  ADD CONSTRAINT "vehicles_temp_classes_check" CHECK (cardinality("temp_classes") > 0);
ALTER TABLE "delivery_slots"
  ADD CONSTRAINT "delivery_slots_interval_check" CHECK ("ends_at" > "starts_at"),
  ADD CONSTRAINT "delivery_slots_capacity_check" CHECK ("capacity" >= 0);
ALTER TABLE "orders"
  ADD CONSTRAINT "orders_amounts_check" CHECK ("subtotal_fen" >= 0 AND "delivery_fee_fen" >= 0 AND "total_fen" = "subtotal_fen" + "delivery_fee_fen"),
  ADD CONSTRAINT "orders_lat_check" CHECK ("lat" BETWEEN -90 AND 90),
  ADD CONSTRAINT "orders_lng_check" CHECK ("lng" BETWEEN -180 AND 180);
ALTER TABLE "seller_orders"
  ADD CONSTRAINT "seller_orders_subtotal_check" CHECK ("subtotal_fen" >= 0);
ALTER TABLE "order_lines"
  ADD CONSTRAINT "order_lines_quantity_check" CHECK ("quantity" > 0),
  ADD CONSTRAINT "order_lines_price_check" CHECK ("unit_price_fen" >= 0 AND "line_total_fen" = "unit_price_fen" * "quantity"),
  ADD CONSTRAINT "order_lines_weight_check" CHECK ("weight_grams" > 0);
ALTER TABLE "stock_ledger"
  ADD CONSTRAINT "stock_ledger_delta_check" CHECK ("quantity_delta" <> 0);
