-- CreateEnum
CREATE TYPE "VerificationStatus" AS ENUM ('pending', 'verified', 'rejected');

-- CreateEnum
CREATE TYPE "OrgFileKind" AS ENUM ('business_licence', 'food_licence', 'profile_photo');

-- CreateEnum
CREATE TYPE "LotAttachmentKind" AS ENUM ('qualification_certificate', 'test_report', 'green_food', 'organic', 'geo_indication', 'other');

-- AlterEnum
ALTER TYPE "ProductStatus" ADD VALUE 'paused';

-- AlterTable
ALTER TABLE "lots" ADD COLUMN     "inspection" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "origin_base" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "origin_plot" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "quantity" INTEGER;

-- AlterTable
ALTER TABLE "organizations" ADD COLUMN     "contact_name" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "contact_phone" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "description_en" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "description_zh" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "review_note" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "reviewed_at" TIMESTAMPTZ(6),
ADD COLUMN     "reviewed_by_id" UUID,
ADD COLUMN     "submitted_at" TIMESTAMPTZ(6),
ADD COLUMN     "suspended_at" TIMESTAMPTZ(6),
ADD COLUMN     "suspension_reason" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "verification_status" "VerificationStatus" NOT NULL DEFAULT 'pending';

-- Organizations that existed before verification was introduced were already trading: keep them so.
UPDATE "organizations" SET "verification_status" = 'verified';

-- AlterTable (written by hand: the old signed quantity splits into on-hand and reserved changes)
ALTER TABLE "stock_ledger" ADD COLUMN     "actor_id" UUID,
ADD COLUMN     "on_hand_delta" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "reserved_delta" INTEGER NOT NULL DEFAULT 0;

-- A reservation used to be a negative row and a release a positive one: both now move "reserved" the other way.
UPDATE "stock_ledger" SET "reserved_delta" = -"quantity_delta" WHERE "kind" IN ('reservation', 'release');
UPDATE "stock_ledger" SET "on_hand_delta" = "quantity_delta" WHERE "kind" NOT IN ('reservation', 'release');

ALTER TABLE "stock_ledger" DROP CONSTRAINT "stock_ledger_delta_check";
ALTER TABLE "stock_ledger" DROP COLUMN "quantity_delta";

-- AlterTable (written by hand: item weights of existing packs are their whole net weight)
ALTER TABLE "variants" ADD COLUMN     "item_count" INTEGER NOT NULL DEFAULT 1,
ADD COLUMN     "item_net_weight_grams" INTEGER,
ADD COLUMN     "min_order_quantity" INTEGER NOT NULL DEFAULT 1,
ADD COLUMN     "order_multiple" INTEGER NOT NULL DEFAULT 1;
UPDATE "variants" SET "item_net_weight_grams" = "net_weight_grams";
ALTER TABLE "variants" ALTER COLUMN "item_net_weight_grams" SET NOT NULL;

-- CreateTable
CREATE TABLE "stock_balances" (
    "variant_id" UUID NOT NULL,
    "on_hand" INTEGER NOT NULL DEFAULT 0,
    "reserved" INTEGER NOT NULL DEFAULT 0,
    "updated_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "stock_balances_pkey" PRIMARY KEY ("variant_id")
);

-- CreateTable
CREATE TABLE "harvest_windows" (
    "id" UUID NOT NULL,
    "variant_id" UUID NOT NULL,
    "available_from" DATE NOT NULL,
    "available_to" DATE NOT NULL,
    "expected_packs_per_week" INTEGER NOT NULL,
    "note" TEXT NOT NULL DEFAULT '',
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "harvest_windows_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "product_photos" (
    "id" UUID NOT NULL,
    "product_id" UUID NOT NULL,
    "position" INTEGER NOT NULL,
    "width" INTEGER NOT NULL,
    "height" INTEGER NOT NULL,
    "placeholder" TEXT NOT NULL,
    "variants" JSONB NOT NULL,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "product_photos_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "organization_files" (
    "id" UUID NOT NULL,
    "organization_id" UUID NOT NULL,
    "kind" "OrgFileKind" NOT NULL,
    "storage_key" TEXT NOT NULL,
    "content_type" TEXT NOT NULL,
    "byte_size" INTEGER NOT NULL,
    "width" INTEGER,
    "height" INTEGER,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "organization_files_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "lot_attachments" (
    "id" UUID NOT NULL,
    "lot_id" UUID NOT NULL,
    "kind" "LotAttachmentKind" NOT NULL,
    "number" TEXT NOT NULL DEFAULT '',
    "storage_key" TEXT NOT NULL,
    "content_type" TEXT NOT NULL,
    "byte_size" INTEGER NOT NULL,
    "original_name" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "lot_attachments_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "harvest_windows_variant_id_available_from_idx" ON "harvest_windows"("variant_id", "available_from");

-- CreateIndex
CREATE INDEX "product_photos_product_id_position_idx" ON "product_photos"("product_id", "position");

-- CreateIndex
CREATE INDEX "organization_files_organization_id_kind_idx" ON "organization_files"("organization_id", "kind");

-- CreateIndex
CREATE INDEX "lot_attachments_lot_id_idx" ON "lot_attachments"("lot_id");

-- AddForeignKey
ALTER TABLE "stock_balances" ADD CONSTRAINT "stock_balances_variant_id_fkey" FOREIGN KEY ("variant_id") REFERENCES "variants"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "harvest_windows" ADD CONSTRAINT "harvest_windows_variant_id_fkey" FOREIGN KEY ("variant_id") REFERENCES "variants"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "product_photos" ADD CONSTRAINT "product_photos_product_id_fkey" FOREIGN KEY ("product_id") REFERENCES "products"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "organization_files" ADD CONSTRAINT "organization_files_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "lot_attachments" ADD CONSTRAINT "lot_attachments_lot_id_fkey" FOREIGN KEY ("lot_id") REFERENCES "lots"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Balances from the ledger so far (written by hand)
INSERT INTO "stock_balances" ("variant_id", "on_hand", "reserved")
SELECT "variant_id", GREATEST(SUM("on_hand_delta"), 0), GREATEST(LEAST(SUM("reserved_delta"), GREATEST(SUM("on_hand_delta"), 0)), 0)
FROM "stock_ledger" GROUP BY "variant_id";

-- CHECK constraints (Prisma cannot express them, see the header of prisma/schema.prisma)
ALTER TABLE "stock_ledger"
  ADD CONSTRAINT "stock_ledger_delta_check" CHECK ("on_hand_delta" <> 0 OR "reserved_delta" <> 0);
ALTER TABLE "stock_balances"
  ADD CONSTRAINT "stock_balances_on_hand_check" CHECK ("on_hand" >= 0),
  ADD CONSTRAINT "stock_balances_reserved_check" CHECK ("reserved" >= 0),
  ADD CONSTRAINT "stock_balances_available_check" CHECK ("on_hand" - "reserved" >= 0);
ALTER TABLE "variants"
  ADD CONSTRAINT "variants_item_count_check" CHECK ("item_count" >= 1),
  ADD CONSTRAINT "variants_item_weight_check" CHECK ("item_net_weight_grams" > 0),
  ADD CONSTRAINT "variants_weight_sum_check" CHECK ("net_weight_grams" = "item_count" * "item_net_weight_grams"),
  ADD CONSTRAINT "variants_order_quantity_check" CHECK ("min_order_quantity" >= 1 AND "order_multiple" >= 1);
ALTER TABLE "harvest_windows"
  ADD CONSTRAINT "harvest_windows_interval_check" CHECK ("available_to" >= "available_from"),
  ADD CONSTRAINT "harvest_windows_volume_check" CHECK ("expected_packs_per_week" > 0);
ALTER TABLE "product_photos"
  ADD CONSTRAINT "product_photos_position_check" CHECK ("position" >= 0),
  ADD CONSTRAINT "product_photos_size_check" CHECK ("width" > 0 AND "height" > 0),
  ADD CONSTRAINT "product_photos_variants_check" CHECK (jsonb_typeof("variants") = 'array');
ALTER TABLE "organization_files"
  ADD CONSTRAINT "organization_files_size_check" CHECK ("byte_size" > 0);
ALTER TABLE "lot_attachments"
  ADD CONSTRAINT "lot_attachments_size_check" CHECK ("byte_size" > 0);
ALTER TABLE "lots"
  ADD CONSTRAINT "lots_quantity_check" CHECK ("quantity" IS NULL OR "quantity" > 0);
