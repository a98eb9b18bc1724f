/**
 * A plan with one route written straight to the database (no solve), for the load sheet's integration test
 * and the authorization matrix: three stops in Yangpu with frozen, chilled and ambient lines, one line whose
 * reservation names its lot, one pack with two lots (the newer is printed), a cancelled seller order.
 */
import { createDeliveryPoint, createDeliverySlot, createLot, createOrder, createProduct, createStockEntries, createVehicle, createWarehouse, shanghaiTime, type ShanghaiDay } from "../../../tests/factories";
import type { PrismaClient } from "~/generated/prisma/client";

export interface LoadSheetFixture {
  warehouseId: string;
  planId: string;
  routeId: string;
  plate: string;
  serviceDate: string;
  lots: { reserved: string; newest: string; older: string };
  orderNumbers: string[];
}

const STOPS = [
  { name: "复旦大学北区食堂", lat: 31.2989, lng: 121.5015 },
  { name: "同济大学西苑食堂", lat: 31.2837, lng: 121.5009 },
  { name: "五角场社区团购点", lat: 31.3006, lng: 121.5139 },
];

/** Seeds a warehouse of `operatorId` with a draft plan for `day` and one route of three stops. */
export async function seedLoadSheetRoute(
  db: PrismaClient,
  input: { operatorId: string; buyerId: string; buyerUserId: string; sellerId: string; day: ShanghaiDay; driverId?: string | null; prefix?: string },
): Promise<LoadSheetFixture> {
  const p = input.prefix ?? "";
  const warehouse = await createWarehouse(db, { operatorId: input.operatorId, name: `${p}杨浦冷链仓` });
  const van = await createVehicle(db, { warehouseId: warehouse.id, tempClasses: ["frozen", "chilled", "ambient"], payloadGrams: 1_500_000, volumeLitres: 8_000, driverId: input.driverId ?? null });
  const slot = await createDeliverySlot(db, { warehouseId: warehouse.id, startsAt: shanghaiTime(input.day, 6), endsAt: shanghaiTime(input.day, 10) });
  const dumplings = (await createProduct(db, { sellerId: input.sellerId, nameZh: `${p}沙县冻蒸饺`, nameEn: "Shaxian frozen dumplings", tempClass: "frozen", variants: [{ netWeightGrams: 1_000, volumeCm3: 2_000 }] })).variants[0]!.id;
  const mushrooms = (await createProduct(db, { sellerId: input.sellerId, nameZh: `${p}泰宁鲜香菇`, nameEn: "Taining fresh shiitake", tempClass: "chilled", variants: [{ netWeightGrams: 5_000, volumeCm3: 15_000, variableWeight: true }] })).variants[0]!.id;
  const rice = (await createProduct(db, { sellerId: input.sellerId, nameZh: `${p}明溪大米`, nameEn: "", variants: [{ netWeightGrams: 10_000, volumeCm3: 12_000 }] })).variants[0]!.id;
  const reserved = await createLot(db, { variantId: dumplings, code: `${p}JZ-20261130-A`, producedAt: new Date("2026-11-30T00:00:00Z") });
  await createLot(db, { variantId: dumplings, code: `${p}JZ-20261201-B`, producedAt: new Date("2026-12-01T00:00:00Z") });
  const older = await createLot(db, { variantId: mushrooms, code: `${p}XG-20261128`, producedAt: new Date("2026-11-28T00:00:00Z") });
  const newest = await createLot(db, { variantId: mushrooms, code: `${p}XG-20261201`, producedAt: new Date("2026-12-01T00:00:00Z") });
  await createStockEntries(db, [dumplings, mushrooms, rice].map((variantId) => ({ variantId, onHandDelta: 500 })));

  const plan = await db.deliveryPlan.create({ data: { warehouseId: warehouse.id, serviceDate: new Date(`${dayText(input.day)}T00:00:00Z`), version: 1 }, select: { id: true } });
  const route = await db.deliveryRoute.create({ data: { planId: plan.id, vehicleId: van.id, driverId: input.driverId ?? null, position: 0, departAt: shanghaiTime(input.day, 6) }, select: { id: true } });
  const orderNumbers: string[] = [];
  for (const [i, s] of STOPS.entries()) {
    const point = await createDeliveryPoint(db, { organizationId: input.buyerId, name: s.name, lat: s.lat, lng: s.lng });
    const order = await createOrder(db, {
      buyerId: input.buyerId,
      placedById: input.buyerUserId,
      slotId: slot.id,
      deliveryPointId: point.id,
      lat: s.lat,
      lng: s.lng,
      sellerOrders: [
        {
          sellerId: input.sellerId,
          status: "received",
          lines: [
            { variantId: dumplings, productNameZh: `${p}沙县冻蒸饺`, productNameEn: "Shaxian frozen dumplings", tempClass: "frozen", quantity: 10 + i, unitPriceFen: 1_500, weightGrams: (10 + i) * 1_000, netWeightGrams: 1_000 },
            { variantId: mushrooms, productNameZh: `${p}泰宁鲜香菇`, productNameEn: "Taining fresh shiitake", tempClass: "chilled", variableWeight: true, quantity: 2, unitPriceFen: 9_000, weightGrams: 10_000, netWeightGrams: 5_000, shippedQuantity: 2, actualGrams: i === 0 ? 10_400 : null },
            { variantId: rice, productNameZh: `${p}明溪大米`, quantity: 3, unitPriceFen: 8_000, weightGrams: 30_000, netWeightGrams: 10_000, shippedQuantity: i === 2 ? 0 : 3 },
          ],
        },
      ],
    });
    orderNumbers.push(order.number);
    const lines = order.sellerOrders[0]!.lines;
    await createStockEntries(db, lines.map((l) => ({ variantId: l.variantId, kind: "reservation" as const, reservedDelta: l.quantity, orderLineId: l.id, lotId: l.variantId === dumplings ? reserved.id : null })));
    const stop = await db.deliveryStop.create({
      data: { planId: plan.id, routeId: route.id, deliveryPointId: point.id, name: s.name, address: `上海市杨浦区 ${i + 1} 号`, lat: s.lat, lng: s.lng, windowStart: shanghaiTime(input.day, 6), windowEnd: shanghaiTime(input.day, 10), sequence: i + 1, locked: i === 0 },
      select: { id: true },
    });
    await db.deliveryStopOrder.create({ data: { stopId: stop.id, orderId: order.id } });
  }
  // A cancelled order at the first stop stays in the warehouse.
  const cancelled = await createOrder(db, { buyerId: input.buyerId, placedById: input.buyerUserId, slotId: slot.id, status: "cancelled", sellerOrders: [{ sellerId: input.sellerId, status: "cancelled", lines: [{ variantId: rice, productNameZh: `${p}取消的大米`, quantity: 7, unitPriceFen: 8_000, weightGrams: 70_000 }] }] });
  const first = await db.deliveryStop.findFirstOrThrow({ where: { routeId: route.id, sequence: 1 }, select: { id: true } });
  await db.deliveryStopOrder.create({ data: { stopId: first.id, orderId: cancelled.id } });
  return { warehouseId: warehouse.id, planId: plan.id, routeId: route.id, plate: van.plate, serviceDate: dayText(input.day), lots: { reserved: reserved.code, newest: newest.code, older: older.code }, orderNumbers };
}

function dayText(d: ShanghaiDay): string {
  return `${d.year}-${String(d.month).padStart(2, "0")}-${String(d.day).padStart(2, "0")}`;
}
