-- CreateEnum
CREATE TYPE "TrunkStatus" AS ENUM ('scheduled', 'departed', 'arrived', 'cancelled');

-- CreateEnum
CREATE TYPE "PlanStatus" AS ENUM ('draft', 'published', 'superseded');

-- CreateEnum
CREATE TYPE "SolveStatus" AS ENUM ('idle', 'queued', 'running', 'done', 'failed', 'cancelled');

-- CreateEnum
CREATE TYPE "StopStatus" AS ENUM ('planned', 'arrived', 'delivered', 'failed');

-- AlterEnum
ALTER TYPE "NotificationKind" ADD VALUE 'delivery_planned';

-- AlterEnum
-- This migration adds more than one value to an enum.
-- With PostgreSQL versions 11 and earlier, this is not possible
-- in a single migration. This can be worked around by creating
-- multiple migrations, each migration adding only one value to
-- the enum.


ALTER TYPE "OrderEventKind" ADD VALUE 'trunk_assign';
ALTER TYPE "OrderEventKind" ADD VALUE 'trunk_depart';
ALTER TYPE "OrderEventKind" ADD VALUE 'trunk_arrive';
ALTER TYPE "OrderEventKind" ADD VALUE 'route_publish';
ALTER TYPE "OrderEventKind" ADD VALUE 'stop_arrive';

-- AlterTable
ALTER TABLE "order_lines" ADD COLUMN     "received_note" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "received_quantity" INTEGER;

-- AlterTable
ALTER TABLE "vehicles" ADD COLUMN     "restricted" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "zone_permits" TEXT[] DEFAULT ARRAY[]::TEXT[];

-- CreateTable
CREATE TABLE "trunk_departures" (
    "id" UUID NOT NULL,
    "warehouse_id" UUID NOT NULL,
    "origin" TEXT NOT NULL,
    "origin_lat" DOUBLE PRECISION NOT NULL,
    "origin_lng" DOUBLE PRECISION NOT NULL,
    "temp_class" "TempClass" NOT NULL,
    "departs_at" TIMESTAMPTZ(6) NOT NULL,
    "cutoff_at" TIMESTAMPTZ(6) NOT NULL,
    "arrives_at" TIMESTAMPTZ(6) NOT NULL,
    "capacity_grams" INTEGER NOT NULL,
    "vehicle_plate" TEXT NOT NULL DEFAULT '',
    "status" "TrunkStatus" NOT NULL DEFAULT 'scheduled',
    "departed_at" TIMESTAMPTZ(6),
    "arrived_at" TIMESTAMPTZ(6),
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "trunk_departures_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "trunk_loads" (
    "id" UUID NOT NULL,
    "departure_id" UUID NOT NULL,
    "seller_order_id" UUID NOT NULL,
    "temp_class" "TempClass" NOT NULL,
    "grams" INTEGER NOT NULL,
    "manual" BOOLEAN NOT NULL DEFAULT false,
    "assigned_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "trunk_loads_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "delivery_plans" (
    "id" UUID NOT NULL,
    "warehouse_id" UUID NOT NULL,
    "service_date" DATE NOT NULL,
    "version" INTEGER NOT NULL,
    "status" "PlanStatus" NOT NULL DEFAULT 'draft',
    "solve_status" "SolveStatus" NOT NULL DEFAULT 'idle',
    "progress" DOUBLE PRECISION NOT NULL DEFAULT 0,
    "cancel_requested" BOOLEAN NOT NULL DEFAULT false,
    "solve_seconds" INTEGER NOT NULL DEFAULT 20,
    "solve_message" TEXT NOT NULL DEFAULT '',
    "distance_m" INTEGER NOT NULL DEFAULT 0,
    "created_by_id" UUID,
    "published_by_id" UUID,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "solved_at" TIMESTAMPTZ(6),
    "published_at" TIMESTAMPTZ(6),

    CONSTRAINT "delivery_plans_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "delivery_routes" (
    "id" UUID NOT NULL,
    "plan_id" UUID NOT NULL,
    "vehicle_id" UUID NOT NULL,
    "driver_id" UUID,
    "position" INTEGER NOT NULL,
    "depart_at" TIMESTAMPTZ(6),
    "return_at" TIMESTAMPTZ(6),
    "distance_m" INTEGER NOT NULL DEFAULT 0,
    "started_at" TIMESTAMPTZ(6),

    CONSTRAINT "delivery_routes_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "delivery_stops" (
    "id" UUID NOT NULL,
    "plan_id" UUID NOT NULL,
    "route_id" UUID,
    "delivery_point_id" UUID,
    "name" TEXT NOT NULL,
    "address" TEXT NOT NULL,
    "lat" DOUBLE PRECISION NOT NULL,
    "lng" DOUBLE PRECISION NOT NULL,
    "contact_name" TEXT NOT NULL DEFAULT '',
    "contact_phone" TEXT NOT NULL DEFAULT '',
    "window_start" TIMESTAMPTZ(6) NOT NULL,
    "window_end" TIMESTAMPTZ(6) NOT NULL,
    "sequence" INTEGER NOT NULL DEFAULT 0,
    "locked" BOOLEAN NOT NULL DEFAULT false,
    "sequence_locked" BOOLEAN NOT NULL DEFAULT false,
    "eta_at" TIMESTAMPTZ(6),
    "depart_at" TIMESTAMPTZ(6),
    "ambient_grams" INTEGER NOT NULL DEFAULT 0,
    "chilled_grams" INTEGER NOT NULL DEFAULT 0,
    "frozen_grams" INTEGER NOT NULL DEFAULT 0,
    "ambient_cm3" INTEGER NOT NULL DEFAULT 0,
    "chilled_cm3" INTEGER NOT NULL DEFAULT 0,
    "frozen_cm3" INTEGER NOT NULL DEFAULT 0,
    "unassigned_reason" TEXT NOT NULL DEFAULT '',
    "unassigned_message" TEXT NOT NULL DEFAULT '',
    "status" "StopStatus" NOT NULL DEFAULT 'planned',
    "arrived_at" TIMESTAMPTZ(6),
    "delivered_at" TIMESTAMPTZ(6),
    "temperature_c" DOUBLE PRECISION,
    "receiver_name" TEXT NOT NULL DEFAULT '',
    "signature_svg" TEXT NOT NULL DEFAULT '',
    "photo_key" TEXT NOT NULL DEFAULT '',
    "delivery_note" TEXT NOT NULL DEFAULT '',

    CONSTRAINT "delivery_stops_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "delivery_stop_orders" (
    "stop_id" UUID NOT NULL,
    "order_id" UUID NOT NULL,

    CONSTRAINT "delivery_stop_orders_pkey" PRIMARY KEY ("stop_id","order_id")
);

-- CreateTable
CREATE TABLE "delivery_actions" (
    "id" UUID NOT NULL,
    "stop_id" UUID NOT NULL,
    "driver_id" UUID NOT NULL,
    "kind" TEXT NOT NULL,
    "payload" JSONB NOT NULL,
    "acted_at" TIMESTAMPTZ(6) NOT NULL,
    "received_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "outcome" TEXT NOT NULL,
    "message" TEXT NOT NULL DEFAULT '',

    CONSTRAINT "delivery_actions_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "trunk_departures_status_departs_at_idx" ON "trunk_departures"("status", "departs_at");

-- CreateIndex
CREATE UNIQUE INDEX "trunk_departures_warehouse_id_temp_class_departs_at_key" ON "trunk_departures"("warehouse_id", "temp_class", "departs_at");

-- CreateIndex
CREATE INDEX "trunk_loads_departure_id_idx" ON "trunk_loads"("departure_id");

-- CreateIndex
CREATE UNIQUE INDEX "trunk_loads_seller_order_id_temp_class_key" ON "trunk_loads"("seller_order_id", "temp_class");

-- CreateIndex
CREATE INDEX "delivery_plans_warehouse_id_service_date_status_idx" ON "delivery_plans"("warehouse_id", "service_date", "status");

-- CreateIndex
CREATE UNIQUE INDEX "delivery_plans_warehouse_id_service_date_version_key" ON "delivery_plans"("warehouse_id", "service_date", "version");

-- CreateIndex
CREATE INDEX "delivery_routes_driver_id_idx" ON "delivery_routes"("driver_id");

-- CreateIndex
CREATE UNIQUE INDEX "delivery_routes_plan_id_vehicle_id_key" ON "delivery_routes"("plan_id", "vehicle_id");

-- CreateIndex
CREATE INDEX "delivery_stops_plan_id_idx" ON "delivery_stops"("plan_id");

-- CreateIndex
CREATE INDEX "delivery_stops_route_id_sequence_idx" ON "delivery_stops"("route_id", "sequence");

-- CreateIndex
CREATE INDEX "delivery_stop_orders_order_id_idx" ON "delivery_stop_orders"("order_id");

-- CreateIndex
CREATE INDEX "delivery_actions_stop_id_idx" ON "delivery_actions"("stop_id");

-- AddForeignKey
ALTER TABLE "trunk_departures" ADD CONSTRAINT "trunk_departures_warehouse_id_fkey" FOREIGN KEY ("warehouse_id") REFERENCES "warehouses"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "trunk_loads" ADD CONSTRAINT "trunk_loads_departure_id_fkey" FOREIGN KEY ("departure_id") REFERENCES "trunk_departures"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "trunk_loads" ADD CONSTRAINT "trunk_loads_seller_order_id_fkey" FOREIGN KEY ("seller_order_id") REFERENCES "seller_orders"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "delivery_plans" ADD CONSTRAINT "delivery_plans_warehouse_id_fkey" FOREIGN KEY ("warehouse_id") REFERENCES "warehouses"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "delivery_plans" ADD CONSTRAINT "delivery_plans_created_by_id_fkey" FOREIGN KEY ("created_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "delivery_plans" ADD CONSTRAINT "delivery_plans_published_by_id_fkey" FOREIGN KEY ("published_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "delivery_routes" ADD CONSTRAINT "delivery_routes_plan_id_fkey" FOREIGN KEY ("plan_id") REFERENCES "delivery_plans"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "delivery_routes" ADD CONSTRAINT "delivery_routes_vehicle_id_fkey" FOREIGN KEY ("vehicle_id") REFERENCES "vehicles"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "delivery_routes" ADD CONSTRAINT "delivery_routes_driver_id_fkey" FOREIGN KEY ("driver_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "delivery_stops" ADD CONSTRAINT "delivery_stops_plan_id_fkey" FOREIGN KEY ("plan_id") REFERENCES "delivery_plans"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "delivery_stops" ADD CONSTRAINT "delivery_stops_route_id_fkey" FOREIGN KEY ("route_id") REFERENCES "delivery_routes"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "delivery_stops" ADD CONSTRAINT "delivery_stops_delivery_point_id_fkey" FOREIGN KEY ("delivery_point_id") REFERENCES "delivery_points"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "delivery_stop_orders" ADD CONSTRAINT "delivery_stop_orders_stop_id_fkey" FOREIGN KEY ("stop_id") REFERENCES "delivery_stops"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "delivery_stop_orders" ADD CONSTRAINT "delivery_stop_orders_order_id_fkey" FOREIGN KEY ("order_id") REFERENCES "orders"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "delivery_actions" ADD CONSTRAINT "delivery_actions_stop_id_fkey" FOREIGN KEY ("stop_id") REFERENCES "delivery_stops"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "delivery_actions" ADD CONSTRAINT "delivery_actions_driver_id_fkey" FOREIGN KEY ("driver_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- CHECK constraints (written by hand: Prisma cannot express them).
ALTER TABLE "trunk_departures"
  ADD CONSTRAINT "trunk_departures_times_check" CHECK ("cutoff_at" <= "departs_at" AND "arrives_at" > "departs_at"),
  ADD CONSTRAINT "trunk_departures_capacity_check" CHECK ("capacity_grams" > 0),
  ADD CONSTRAINT "trunk_departures_origin_check" CHECK (length(btrim("origin")) > 0);
ALTER TABLE "trunk_loads"
  ADD CONSTRAINT "trunk_loads_grams_check" CHECK ("grams" >= 0);
ALTER TABLE "delivery_plans"
  ADD CONSTRAINT "delivery_plans_version_check" CHECK ("version" >= 1),
  ADD CONSTRAINT "delivery_plans_progress_check" CHECK ("progress" BETWEEN 0 AND 1),
  ADD CONSTRAINT "delivery_plans_seconds_check" CHECK ("solve_seconds" BETWEEN 1 AND 600),
  ADD CONSTRAINT "delivery_plans_published_check" CHECK (("status" = 'draft') = ("published_at" IS NULL));
ALTER TABLE "delivery_stops"
  ADD CONSTRAINT "delivery_stops_window_check" CHECK ("window_end" > "window_start"),
  ADD CONSTRAINT "delivery_stops_lat_check" CHECK ("lat" BETWEEN -90 AND 90),
  ADD CONSTRAINT "delivery_stops_lng_check" CHECK ("lng" BETWEEN -180 AND 180),
  ADD CONSTRAINT "delivery_stops_loads_check" CHECK ("ambient_grams" >= 0 AND "chilled_grams" >= 0 AND "frozen_grams" >= 0 AND "ambient_cm3" >= 0 AND "chilled_cm3" >= 0 AND "frozen_cm3" >= 0),
  ADD CONSTRAINT "delivery_stops_temperature_check" CHECK ("temperature_c" IS NULL OR "temperature_c" BETWEEN -40 AND 60);
ALTER TABLE "order_lines"
  ADD CONSTRAINT "order_lines_received_check" CHECK ("received_quantity" IS NULL OR "received_quantity" >= 0);
