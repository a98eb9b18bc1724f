import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createDeliverySlot,
  createOrder,
  createOrganization,
  createProduct,
  createStockEntries,
  createTrunkDeparture,
  createUser,
  createWarehouse,
} from "../../../tests/factories";
import {
  createTestDatabase,
  type TestDatabase,
} from "../../../tests/support/test-db";
import type { PrismaClient } from "~/generated/prisma/client";
import {
  createTrunkAssignJob,
  TRUNK_ASSIGN_CRON,
  TRUNK_ASSIGN_JOB,
} from "~/jobs/trunk-assign.server";
import { permissionsFor } from "~/modules/auth/permissions";
import { addDaysToDay, dayOf } from "~/modules/lots/rules";
import { shanghaiInstant } from "~/modules/orders/cutoff";
import type { OperationsScope } from "~/modules/operations/overview.server";
import {
  applySellerOrderEvent,
  type StepActor,
} from "~/workflows/seller-order-step.server";
import { departureSchema } from "./forms";
import {
  autoAssign,
  createDeparture,
  findDeparture,
  loadTrunkDay,
  markArrived,
  markDeparted,
  placeLoad,
  stockOutlook,
  updateDeparture,
} from "./trunk.server";

let t: TestDatabase;
let db: PrismaClient;
// The run day is a week ahead, so the workflow's clock and ours never meet the real one.
const D = addDaysToDay(dayOf(new Date()), 7);
const D1 = addDaysToDay(D, 1);
const at = (day: string, hh: number, mm = 0) =>
  shanghaiInstant(day, hh * 60 + mm);
const ALL: OperationsScope = { all: true };
let otherScope: OperationsScope;
let operator: StepActor;
let seller: StepActor;
let sellerB: StepActor;
let ids: Record<string, string> = {};

beforeAll(async () => {
  t = await createTestDatabase();
  db = t.db.prisma;
  console.log(`[integration] trunk: database ${t.label}`);
  const sellerA = (
    await createOrganization(db, {
      kind: "cooperative",
      name: "泰宁县香菇专业合作社",
    })
  ).id;
  const sellerBOrg = (
    await createOrganization(db, {
      kind: "snack_supplier",
      name: "沙县区夏茂小吃食品厂",
    })
  ).id;
  const buyer = (
    await createOrganization(db, {
      kind: "canteen",
      name: "复旦大学邯郸校区食堂",
    })
  ).id;
  const platform = (
    await createOrganization(db, { kind: "platform", name: "沪明直供运营中心" })
  ).id;
  const otherOps = (
    await createOrganization(db, { kind: "platform", name: "浦东冷链运营" })
  ).id;
  otherScope = { all: false, operatorOrgIds: [otherOps] };
  const opUser = (
    await createUser(db, {
      role: "operator",
      organizationId: platform,
      displayName: "陈运营",
    })
  ).id;
  const sellerUser = (
    await createUser(db, { role: "seller", organizationId: sellerA })
  ).id;
  const sellerBUser = (
    await createUser(db, { role: "seller", organizationId: sellerBOrg })
  ).id;
  const buyerUser = (
    await createUser(db, { role: "buyer", organizationId: buyer })
  ).id;
  operator = {
    userId: opUser,
    role: "operator",
    permissions: permissionsFor(["operator"]),
    organizationIds: [platform],
  };
  seller = {
    userId: sellerUser,
    role: "seller",
    permissions: permissionsFor(["seller"]),
    organizationIds: [sellerA],
  };
  sellerB = {
    userId: sellerBUser,
    role: "seller",
    permissions: permissionsFor(["seller"]),
    organizationIds: [sellerBOrg],
  };
  const warehouseId = (
    await createWarehouse(db, { operatorId: platform, name: "江桥仓" })
  ).id;
  const warehouse = warehouseId;
  const otherWarehouse = (
    await createWarehouse(db, { operatorId: otherOps, name: "浦东仓" })
  ).id;
  const shiitake = (
    await createProduct(db, {
      sellerId: sellerA,
      nameZh: "鲜香菇",
      tempClass: "chilled",
      variants: [{ netWeightGrams: 5_000 }],
    })
  ).variants[0]!.id;
  const dumplings = (
    await createProduct(db, {
      sellerId: sellerA,
      nameZh: "沙县蒸饺",
      tempClass: "frozen",
      variants: [{ netWeightGrams: 1_000 }],
    })
  ).variants[0]!.id;
  const bianrou = (
    await createProduct(db, {
      sellerId: sellerBOrg,
      nameZh: "沙县扁肉",
      tempClass: "chilled",
      variants: [{ netWeightGrams: 2_000 }],
    })
  ).variants[0]!.id;
  await createStockEntries(
    db,
    [shiitake, dumplings, bianrou].map((variantId) => ({
      variantId,
      onHandDelta: 1_000,
    }))
  );

  const slot = (
    await createDeliverySlot(db, {
      warehouseId,
      startsAt: at(D1, 5),
      endsAt: at(D1, 7),
      cutoffAt: at(D, 9),
    })
  ).id;
  const earlySlot = (
    await createDeliverySlot(db, {
      warehouseId,
      district: "长宁区",
      startsAt: at(D, 20),
      endsAt: at(D, 22),
      cutoffAt: at(D, 9),
    })
  ).id;
  const otherSlot = (
    await createDeliverySlot(db, {
      warehouseId: otherWarehouse,
      district: "浦东新区",
      startsAt: at(D1, 5),
      endsAt: at(D1, 7),
      cutoffAt: at(D, 9),
    })
  ).id;
  const line = (
    variantId: string,
    name: string,
    net: number,
    temp: "chilled" | "frozen",
    quantity: number
  ) => ({
    variantId,
    productNameZh: name,
    sku: `${name}-SKU`,
    netWeightGrams: net,
    tempClass: temp,
    quantity,
    unitPriceFen: 1_000,
    weightGrams: net * quantity,
  });
  const order = async (
    slotId: string,
    sellerId: string,
    lines: ReturnType<typeof line>[]
  ) => {
    const o = await createOrder(db, {
      buyerId: buyer,
      placedById: buyerUser,
      slotId,
      sellerOrders: [{ sellerId, lines }],
    });
    return { so: o.sellerOrders[0]!.id, number: o.number, orderId: o.id };
  };
  const o1 = await order(slot, sellerA, [
    line(shiitake, "鲜香菇", 5_000, "chilled", 4),
    line(dumplings, "沙县蒸饺", 1_000, "frozen", 10),
  ]);
  const o2 = await order(slot, sellerBOrg, [
    line(bianrou, "沙县扁肉", 2_000, "chilled", 5),
  ]);
  const o3 = await order(slot, sellerA, [
    line(shiitake, "鲜香菇", 5_000, "chilled", 2),
  ]);
  const o4 = await order(earlySlot, sellerBOrg, [
    line(bianrou, "沙县扁肉", 2_000, "chilled", 1),
  ]);
  const o5 = await order(otherSlot, sellerBOrg, [
    line(bianrou, "沙县扁肉", 2_000, "chilled", 1),
  ]);
  const chilled = (
    await createTrunkDeparture(db, {
      warehouseId,
      tempClass: "chilled",
      departsAt: at(D, 14),
      cutoffAt: at(D, 12),
      arrivesAt: at(D, 23, 30),
      capacityGrams: 1_000_000,
      vehiclePlate: "闽G·30001",
    })
  ).id;
  const frozen = (
    await createTrunkDeparture(db, {
      warehouseId,
      tempClass: "frozen",
      departsAt: at(D, 14),
      cutoffAt: at(D, 12),
      arrivesAt: at(D, 23, 30),
      capacityGrams: 1_000_000,
      vehiclePlate: "闽G·31001",
    })
  ).id;
  const nextChilled = (
    await createTrunkDeparture(db, {
      warehouseId,
      tempClass: "chilled",
      departsAt: at(D1, 14),
      cutoffAt: at(D1, 12),
      arrivesAt: at(D1, 23, 30),
      capacityGrams: 1_000_000,
      vehiclePlate: "闽G·30002",
    })
  ).id;
  const tiny = (
    await createTrunkDeparture(db, {
      warehouseId,
      tempClass: "chilled",
      departsAt: at(D, 16),
      cutoffAt: at(D, 12),
      arrivesAt: at(D1, 1),
      capacityGrams: 5_000,
      vehiclePlate: "闽G·30009",
    })
  ).id;
  const otherRun = (
    await createTrunkDeparture(db, {
      warehouseId: otherWarehouse,
      tempClass: "chilled",
      departsAt: at(D, 14),
      cutoffAt: at(D, 12),
      arrivesAt: at(D, 23, 30),
      vehiclePlate: "沪A·00001",
    })
  ).id;
  ids = {
    warehouse,
    otherWarehouse,
    chilled,
    frozen,
    nextChilled,
    tiny,
    otherRun,
    so1: o1.so,
    so2: o2.so,
    so3: o3.so,
    so4: o4.so,
    so5: o5.so,
    order1: o1.orderId,
    n1: o1.number,
    n3: o3.number,
  };

  // The sellers confirm at 09:00; 1, 2 and 5 are packed, 3 stays confirmed; 4's slot is before any arrival.
  const step = async (
    so: string,
    event: string,
    actor: StepActor,
    hh: number
  ) =>
    expect(
      (
        await applySellerOrderEvent(db, {
          sellerOrderId: so,
          event,
          actor,
          now: at(D, hh),
        })
      ).ok
    ).toBe(true);
  for (const [so, actor] of [
    [o1.so, seller],
    [o2.so, sellerB],
    [o3.so, seller],
    [o4.so, sellerB],
    [o5.so, sellerB],
  ] as const)
    await step(so, "confirm", actor, 9);
  for (const [so, actor] of [
    [o1.so, seller],
    [o2.so, sellerB],
    [o5.so, sellerB],
  ] as const)
    await step(so, "pack", actor, 9);
}, 120_000);
afterAll(async () => t?.drop());

async function loadsOf(sellerOrderId: string) {
  return db.trunkLoad.findMany({
    where: { sellerOrderId },
    select: { departureId: true, tempClass: true, grams: true, manual: true },
    orderBy: { tempClass: "asc" },
  });
}
async function eventsOf(sellerOrderId: string) {
  return db.orderEvent.findMany({
    where: { sellerOrderId },
    select: { event: true, reason: true, actorRole: true, toStatus: true },
    orderBy: { id: "asc" },
  });
}

describe("trunk leg", () => {
  it("assigns each class load to the earliest run that arrives in time, once", async () => {
    const now = at(D, 10);
    const first = await autoAssign(db, ALL, operator, now);
    expect(await loadsOf(ids.so1)).toEqual([
      {
        departureId: ids.chilled,
        tempClass: "chilled",
        grams: 20_000,
        manual: false,
      },
      {
        departureId: ids.frozen,
        tempClass: "frozen",
        grams: 10_000,
        manual: false,
      },
    ]);
    expect((await loadsOf(ids.so3))[0]?.departureId).toBe(ids.chilled);
    expect((await loadsOf(ids.so5))[0]?.departureId).toBe(ids.otherRun);
    // The 20:00 slot starts before any run arrives.
    expect(first.unassigned).toEqual([
      expect.objectContaining({
        sellerOrderId: ids.so4,
        reason: "too_late",
        tempClass: "chilled",
      }),
    ]);
    expect(first.assigned).toHaveLength(5);
    const events = await eventsOf(ids.so1);
    expect(
      events.filter((e) => e.event === "trunk_assign").map((e) => e.reason)
    ).toEqual([
      expect.stringMatching(/^班次 闽G·30001 \d\d-\d\d 14:00 发车 · 冷藏$/),
      expect.stringMatching(/闽G·31001 .* 冷冻$/),
    ]);
    // A second run (and two at once) change nothing.
    const again = await Promise.all([
      autoAssign(db, ALL, null, now),
      autoAssign(db, ALL, null, now),
    ]);
    expect(again.map((r) => r.assigned.length)).toEqual([0, 0]);
    expect(await db.trunkLoad.count()).toBe(5);
    expect(
      await db.orderEvent.count({ where: { event: "trunk_assign" } })
    ).toBe(5);
  });

  it("shows the day's runs with loads per seller and the unassigned with their reason, within the operator's scope", async () => {
    const day = await loadTrunkDay(db, ALL, D, at(D, 10));
    const jq = day.warehouses.find((w) => w.id === ids.warehouse)!;
    const chilled = jq.departures.find((d) => d.id === ids.chilled)!;
    expect(chilled.loadedGrams).toBe(20_000 + 10_000 + 10_000);
    expect(chilled.sellers.map((s) => [s.name, s.grams, s.count])).toEqual([
      ["泰宁县香菇专业合作社", 30_000, 2],
      ["沙县区夏茂小吃食品厂", 10_000, 1],
    ]);
    expect(jq.unassigned.map((u) => [u.sellerOrderId, u.reason])).toEqual([
      [ids.so4, "too_late"],
    ]);
    expect(jq.targets.map((x) => x.id)).toContain(ids.nextChilled);
    const other = await loadTrunkDay(db, otherScope, D, at(D, 10));
    expect(other.warehouses.map((w) => w.id)).toEqual([ids.otherWarehouse]);
    expect(await findDeparture(db, otherScope, ids.chilled)).toEqual({
      kind: "forbidden",
    });
    expect(await findDeparture(db, ALL, "not-a-uuid")).toEqual({
      kind: "not_found",
    });
  });

  it("moves a load by hand, checking class and room, and keeps it there", async () => {
    const now = at(D, 10, 30);
    expect(
      await placeLoad(
        db,
        ALL,
        { sellerOrderId: ids.so2, tempClass: "chilled", departureId: ids.tiny },
        operator,
        now
      )
    ).toEqual({ kind: "refused", code: "full" });
    expect(
      await placeLoad(
        db,
        ALL,
        {
          sellerOrderId: ids.so2,
          tempClass: "chilled",
          departureId: ids.frozen,
        },
        operator,
        now
      )
    ).toEqual({ kind: "refused", code: "wrong_class" });
    expect(
      await placeLoad(
        db,
        otherScope,
        {
          sellerOrderId: ids.so2,
          tempClass: "chilled",
          departureId: ids.nextChilled,
        },
        operator,
        now
      )
    ).toEqual({ kind: "forbidden" });
    expect(
      await placeLoad(
        db,
        ALL,
        {
          sellerOrderId: ids.so2,
          tempClass: "chilled",
          departureId: ids.nextChilled,
        },
        operator,
        now
      )
    ).toMatchObject({ kind: "ok", moved: true });
    expect(await loadsOf(ids.so2)).toEqual([
      {
        departureId: ids.nextChilled,
        tempClass: "chilled",
        grams: 10_000,
        manual: true,
      },
    ]);
    expect((await autoAssign(db, ALL, null, now)).assigned).toEqual([]);
    expect((await loadsOf(ids.so2))[0]?.departureId).toBe(ids.nextChilled);
    // And back onto today's run.
    expect(
      await placeLoad(
        db,
        ALL,
        {
          sellerOrderId: ids.so2,
          tempClass: "chilled",
          departureId: ids.chilled,
        },
        operator,
        now
      )
    ).toMatchObject({ kind: "ok", moved: true });
    const last = (await eventsOf(ids.so2)).at(-1)!;
    expect(last).toMatchObject({
      event: "trunk_assign",
      actorRole: "operator",
    });
    expect(last.reason).toContain("人工调整");
  });

  it("edits departures: never below the load, no duplicate run", async () => {
    const form = (values: Record<string, string>) => {
      const parsed = departureSchema.safeParse({
        warehouseId: ids.warehouse,
        tempClass: "chilled",
        date: D,
        cutoffTime: "12:00",
        departTime: "14:00",
        arriveTime: "23:30",
        capacityKg: "1000",
        vehiclePlate: "闽G·30001",
        ...values,
      });
      if (!parsed.success) throw new Error("form should parse");
      return parsed.data;
    };
    expect(
      await updateDeparture(db, ALL, ids.chilled, form({ capacityKg: "10" }))
    ).toEqual({
      kind: "invalid",
      errors: { capacityKg: "trunk.error.belowLoaded" },
    });
    expect(
      await updateDeparture(
        db,
        ALL,
        ids.chilled,
        form({ tempClass: "frozen", departTime: "15:00" })
      )
    ).toMatchObject({
      kind: "invalid",
      errors: { tempClass: "trunk.error.hasLoads" },
    });
    expect(
      await updateDeparture(db, otherScope, ids.chilled, form({}))
    ).toEqual({ kind: "forbidden" });
    expect(
      await updateDeparture(
        db,
        ALL,
        ids.chilled,
        form({ capacityKg: "1200", vehiclePlate: "闽G·30001" })
      )
    ).toEqual({ kind: "ok", id: ids.chilled });
    expect(await createDeparture(db, ALL, form({}), at(D, 10))).toEqual({
      kind: "invalid",
      errors: { departTime: "trunk.error.duplicate" },
    });
    expect(await createDeparture(db, otherScope, form({}), at(D, 10))).toEqual({
      kind: "forbidden",
    });
    const made = await createDeparture(
      db,
      ALL,
      form({ tempClass: "ambient", arriveTime: "06:00" }),
      at(D, 10)
    );
    expect(made.kind).toBe("ok");
    const row = await db.trunkDeparture.findUniqueOrThrow({
      where: { id: (made as { id: string }).id },
      select: { arrivesAt: true, departsAt: true },
    });
    // 06:00 is before 14:00: the next morning.
    expect(row.arrivesAt).toEqual(at(D1, 6));
  });

  it("departs with the packed orders and moves those not packed to the next run", async () => {
    const now = at(D, 14, 5);
    expect(await markArrived(db, ALL, ids.chilled, operator, now)).toEqual({
      kind: "refused",
      code: "not_departed",
    });
    expect(
      await markDeparted(db, otherScope, ids.chilled, operator, now)
    ).toEqual({ kind: "forbidden" });
    const result = await markDeparted(db, ALL, ids.chilled, operator, now);
    expect(result).toEqual({
      kind: "ok",
      departed: 2,
      moved: [
        {
          number: ids.n3,
          sellerName: "泰宁县香菇专业合作社",
          to: { vehiclePlate: "闽G·30002", departsAt: at(D1, 14) },
        },
      ],
    });
    expect(await markDeparted(db, ALL, ids.chilled, operator, now)).toEqual({
      kind: "refused",
      code: "invalid_state",
    });
    expect((await loadsOf(ids.so3))[0]?.departureId).toBe(ids.nextChilled);
    expect((await eventsOf(ids.so3)).at(-1)?.reason).toMatch(
      /^未按时打包，改排班次 闽G·30002/
    );
    expect(
      (await eventsOf(ids.so1))
        .filter((e) => e.event === "trunk_depart")
        .map((e) => e.reason)
    ).toEqual([expect.stringMatching(/闽G·30001 \d\d-\d\d 14:05 发车/)]);
    // A run that left takes no more loads.
    expect(
      await placeLoad(
        db,
        ALL,
        {
          sellerOrderId: ids.so3,
          tempClass: "chilled",
          departureId: ids.chilled,
        },
        operator,
        now
      )
    ).toEqual({ kind: "refused", code: "not_scheduled" });
  });

  it("arrives and receives the packed seller orders once all their runs are in", async () => {
    const now = at(D, 23, 40);
    const chilled = await markArrived(db, ALL, ids.chilled, operator, now);
    // Order 1's frozen part is still on the road: it waits; order 2 is received.
    expect(chilled).toMatchObject({
      kind: "ok",
      already: false,
      waiting: [ids.n1],
    });
    expect((chilled as { received: string[] }).received).toHaveLength(1);
    expect(
      (
        await db.sellerOrder.findUniqueOrThrow({
          where: { id: ids.so2 },
          select: { status: true },
        })
      ).status
    ).toBe("received");
    expect(
      (
        await db.sellerOrder.findUniqueOrThrow({
          where: { id: ids.so1 },
          select: { status: true },
        })
      ).status
    ).toBe("packed");

    const outlook = await stockOutlook(db, ALL, D1);
    const jq = outlook.warehouses.find((w) => w.id === ids.warehouse)!;
    expect(jq.classes.find((c) => c.tempClass === "chilled")).toMatchObject({
      arrivedGrams: 30_000,
      expectedGrams: 10_000,
      unassignedGrams: 0,
    });
    expect(jq.classes.find((c) => c.tempClass === "frozen")).toMatchObject({
      arrivedGrams: 0,
      expectedGrams: 10_000,
    });
    expect(jq.products.find((p) => p.name === "沙县蒸饺")).toMatchObject({
      expected: { packs: 10, grams: 10_000 },
    });

    expect(
      (await markDeparted(db, ALL, ids.frozen, operator, at(D, 14, 10))).kind
    ).toBe("ok");
    const frozen = await markArrived(db, ALL, ids.frozen, operator, now);
    expect(frozen).toEqual({
      kind: "ok",
      already: false,
      received: [ids.n1],
      waiting: [],
    });
    const order = await db.order.findUniqueOrThrow({
      where: { id: ids.order1 },
      select: { status: true },
    });
    expect(order.status).toBe("received");
    const kinds = (await eventsOf(ids.so1)).map((e) => e.event);
    expect(kinds).toEqual([
      "confirm",
      "pack",
      "trunk_assign",
      "trunk_assign",
      "trunk_depart",
      "trunk_arrive",
      "trunk_depart",
      "trunk_arrive",
      "receive",
    ]);
    const receive = (await eventsOf(ids.so1)).at(-1)!;
    expect(receive).toMatchObject({
      actorRole: "operator",
      toStatus: "received",
    });
    // Again: already arrived, nothing more to receive, no second event.
    expect(await markArrived(db, ALL, ids.frozen, operator, now)).toEqual({
      kind: "ok",
      already: true,
      received: [],
      waiting: [],
    });
    expect(
      await db.orderEvent.count({
        where: { sellerOrderId: ids.so1, event: "receive" },
      })
    ).toBe(1);
    // And the assignment still changes nothing.
    expect((await autoAssign(db, ALL, null, now)).assigned).toEqual([]);
  });

  it("runs as the trunk.assign job every 10 minutes", async () => {
    const job = createTrunkAssignJob();
    expect(job.name).toBe(TRUNK_ASSIGN_JOB);
    expect(job.cron).toBe(TRUNK_ASSIGN_CRON);
    await job.handler(
      {},
      { id: "j", name: TRUNK_ASSIGN_JOB, retryCount: 0, db: t.db }
    );
    expect(
      await db.trunkLoad.count({ where: { sellerOrderId: ids.so4 } })
    ).toBe(0);
  });
});
