-- AlterTable
ALTER TABLE "trunk_departures" ADD COLUMN     "origin_en" TEXT NOT NULL DEFAULT '';

-- AlterTable
ALTER TABLE "warehouses" ADD COLUMN     "name_en" TEXT NOT NULL DEFAULT '';

-- Departures already made from the one consolidation point new departures leave from (SANMING_ORIGIN in
-- app/modules/trunk/trunk.server.ts) get its English name too
UPDATE "trunk_departures" SET "origin_en" = 'Huming cold-chain consolidation centre, Shaxian, Sanming'
  WHERE "origin" = '三明市沙县区 沪明冷链集配中心' AND "origin_en" = '';

-- AlterTable
ALTER TABLE "delivery_stops" ADD COLUMN     "name_en" TEXT NOT NULL DEFAULT '';
