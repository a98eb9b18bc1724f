import { describe, expect, it } from "vitest";
import {
  applyMovement,
  available,
  isLowStock,
  isManualKind,
  isManualReason,
  isOrderKind,
  lockOrder,
  manualMovement,
  MANUAL_REASON_KIND,
  MANUAL_REASONS,
  MAX_MOVEMENT,
  MAX_ON_HAND,
  ORDER_KINDS,
  sumLedger,
  weeklyDemand,
  type StockBalance,
  type StockMovement,
} from "./balance";

const b = (onHand: number, reserved = 0): StockBalance => ({ onHand, reserved });

describe("available", () => {
  it("is on hand less reserved", () => {
    expect(available(b(10, 3))).toBe(7);
    expect(available(b(0, 0))).toBe(0);
    expect(available(b(5, 5))).toBe(0);
  });
});

describe("applyMovement: receipt (到货入库)", () => {
  it("adds to on hand only", () => {
    expect(applyMovement(b(10, 4), { kind: "receipt", quantity: 6 })).toEqual({ ok: true, balance: b(16, 4), delta: { onHandDelta: 6, reservedDelta: 0 } });
    expect(applyMovement(b(0), { kind: "receipt", quantity: 1 })).toEqual({ ok: true, balance: b(1), delta: { onHandDelta: 1, reservedDelta: 0 } });
  });
  it("refuses zero, negative, fractional and non-finite quantities", () => {
    for (const quantity of [0, -1, 1.5, 0.1, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 53]) {
      expect(applyMovement(b(10), { kind: "receipt", quantity }), String(quantity)).toEqual({ ok: false, refusal: "stock.refusal.quantity" });
    }
  });
  it("refuses an absurd quantity and on hand beyond the column's safe range", () => {
    expect(applyMovement(b(0), { kind: "receipt", quantity: MAX_MOVEMENT })).toMatchObject({ ok: true });
    expect(applyMovement(b(0), { kind: "receipt", quantity: MAX_MOVEMENT + 1 })).toEqual({ ok: false, refusal: "stock.refusal.tooMany" });
    expect(applyMovement(b(MAX_ON_HAND - 1), { kind: "receipt", quantity: 1 })).toMatchObject({ ok: true, balance: b(MAX_ON_HAND) });
    expect(applyMovement(b(MAX_ON_HAND), { kind: "receipt", quantity: 1 })).toEqual({ ok: false, refusal: "stock.refusal.tooMany" });
  });
});

describe("applyMovement: adjustment to a count (盘点)", () => {
  it("sets on hand to the counted number, up or down, recording the difference", () => {
    expect(applyMovement(b(10, 2), { kind: "adjustment", counted: 14 })).toEqual({ ok: true, balance: b(14, 2), delta: { onHandDelta: 4, reservedDelta: 0 } });
    expect(applyMovement(b(10, 2), { kind: "adjustment", counted: 7 })).toEqual({ ok: true, balance: b(7, 2), delta: { onHandDelta: -3, reservedDelta: 0 } });
    expect(applyMovement(b(10), { kind: "adjustment", counted: 0 })).toEqual({ ok: true, balance: b(0), delta: { onHandDelta: -10, reservedDelta: 0 } });
  });
  it("may count exactly what is reserved (nothing left to sell), not less", () => {
    expect(applyMovement(b(10, 6), { kind: "adjustment", counted: 6 })).toMatchObject({ ok: true, balance: b(6, 6) });
    expect(applyMovement(b(10, 6), { kind: "adjustment", counted: 5 })).toEqual({ ok: false, refusal: "stock.refusal.belowReserved" });
  });
  it("refuses a count that changes nothing (the ledger records changes only)", () => {
    expect(applyMovement(b(10, 3), { kind: "adjustment", counted: 10 })).toEqual({ ok: false, refusal: "stock.refusal.unchanged" });
    expect(applyMovement(b(0), { kind: "adjustment", counted: 0 })).toEqual({ ok: false, refusal: "stock.refusal.unchanged" });
  });
  it("refuses negative, fractional or absurd counts", () => {
    for (const counted of [-1, 2.5, Number.NaN]) {
      expect(applyMovement(b(10), { kind: "adjustment", counted }), String(counted)).toEqual({ ok: false, refusal: "stock.refusal.counted" });
    }
    expect(applyMovement(b(10), { kind: "adjustment", counted: MAX_ON_HAND + 1 })).toEqual({ ok: false, refusal: "stock.refusal.tooMany" });
  });
});

describe("applyMovement: spoilage (损耗)", () => {
  it("takes packs off on hand", () => {
    expect(applyMovement(b(10, 2), { kind: "spoilage", quantity: 3 })).toEqual({ ok: true, balance: b(7, 2), delta: { onHandDelta: -3, reservedDelta: 0 } });
    expect(applyMovement(b(10), { kind: "spoilage", quantity: 10 })).toMatchObject({ ok: true, balance: b(0) });
  });
  it("never takes on hand below zero", () => {
    expect(applyMovement(b(10), { kind: "spoilage", quantity: 11 })).toEqual({ ok: false, refusal: "stock.refusal.overOnHand" });
    expect(applyMovement(b(0), { kind: "spoilage", quantity: 1 })).toEqual({ ok: false, refusal: "stock.refusal.overOnHand" });
  });
  it("never spoils packs promised to open orders (available would go negative)", () => {
    expect(applyMovement(b(10, 8), { kind: "spoilage", quantity: 2 })).toMatchObject({ ok: true, balance: b(8, 8) });
    expect(applyMovement(b(10, 8), { kind: "spoilage", quantity: 3 })).toEqual({ ok: false, refusal: "stock.refusal.belowReserved" });
  });
  it("refuses non-positive quantities", () => {
    expect(applyMovement(b(10), { kind: "spoilage", quantity: 0 })).toEqual({ ok: false, refusal: "stock.refusal.quantity" });
    expect(applyMovement(b(10), { kind: "spoilage", quantity: -2 })).toEqual({ ok: false, refusal: "stock.refusal.quantity" });
  });
});

describe("applyMovement: reservation, release, shipment (ordering)", () => {
  it("reserves up to what is available, leaving on hand alone", () => {
    expect(applyMovement(b(10, 4), { kind: "reservation", quantity: 6 })).toEqual({ ok: true, balance: b(10, 10), delta: { onHandDelta: 0, reservedDelta: 6 } });
    expect(applyMovement(b(10, 4), { kind: "reservation", quantity: 7 })).toEqual({ ok: false, refusal: "stock.refusal.overAvailable" });
    expect(applyMovement(b(0), { kind: "reservation", quantity: 1 })).toEqual({ ok: false, refusal: "stock.refusal.overAvailable" });
  });
  it("releases up to what is reserved", () => {
    expect(applyMovement(b(10, 4), { kind: "release", quantity: 4 })).toEqual({ ok: true, balance: b(10, 0), delta: { onHandDelta: 0, reservedDelta: -4 } });
    expect(applyMovement(b(10, 4), { kind: "release", quantity: 5 })).toEqual({ ok: false, refusal: "stock.refusal.overReserved" });
  });
  it("ships reserved packs: on hand and reserved both fall, available stays", () => {
    const r = applyMovement(b(10, 4), { kind: "shipment", quantity: 3 });
    expect(r).toEqual({ ok: true, balance: b(7, 1), delta: { onHandDelta: -3, reservedDelta: -3 } });
    if (r.ok) expect(available(r.balance)).toBe(available(b(10, 4)));
  });
  it("never ships more than is reserved, so a reservation and its shipment never count twice", () => {
    expect(applyMovement(b(10, 4), { kind: "shipment", quantity: 5 })).toEqual({ ok: false, refusal: "stock.refusal.overReserved" });
    expect(applyMovement(b(10, 0), { kind: "shipment", quantity: 1 })).toEqual({ ok: false, refusal: "stock.refusal.overReserved" });
  });
  it("reserve then ship ends where a receipt-less sale would: on hand down by the order, nothing reserved", () => {
    let balance = b(20);
    for (const m of [
      { kind: "reservation", quantity: 5 },
      { kind: "shipment", quantity: 5 },
    ] satisfies StockMovement[]) {
      const r = applyMovement(balance, m);
      if (!r.ok) throw new Error(r.refusal);
      balance = r.balance;
    }
    expect(balance).toEqual(b(15, 0));
  });
  it("refuses non-positive quantities for every ordering kind", () => {
    for (const kind of ORDER_KINDS) expect(applyMovement(b(10, 5), { kind, quantity: 0 })).toEqual({ ok: false, refusal: "stock.refusal.quantity" });
  });
});

describe("applyMovement: invariants", () => {
  it("throws on a corrupt starting balance rather than reasoning from it", () => {
    expect(() => applyMovement(b(-1), { kind: "receipt", quantity: 1 })).toThrow(RangeError);
    expect(() => applyMovement(b(3, 4), { kind: "receipt", quantity: 1 })).toThrow(RangeError);
    expect(() => applyMovement(b(3, -1), { kind: "receipt", quantity: 1 })).toThrow(RangeError);
    expect(() => applyMovement(b(1.5), { kind: "receipt", quantity: 1 })).toThrow(RangeError);
  });

  it("keeps on hand, reserved and available non-negative over thousands of random movements, and the ledger adds up", () => {
    // Deterministic LCG so a failure reproduces.
    let s = 42;
    const rand = (n: number) => {
      s = (s * 1103515245 + 12345) % 2 ** 31;
      return s % n;
    };
    const kinds = ["receipt", "spoilage", "reservation", "release", "shipment", "adjustment"] as const;
    let balance = b(0);
    const ledger: { onHandDelta: number; reservedDelta: number }[] = [];
    let refused = 0;
    for (let i = 0; i < 5000; i++) {
      const kind = kinds[rand(kinds.length)];
      const m: StockMovement = kind === "adjustment" ? { kind, counted: rand(60) } : { kind, quantity: rand(25) };
      const r = applyMovement(balance, m);
      if (!r.ok) {
        refused += 1;
        continue;
      }
      expect(r.delta.onHandDelta !== 0 || r.delta.reservedDelta !== 0).toBe(true);
      expect(r.balance).toEqual({ onHand: balance.onHand + r.delta.onHandDelta, reserved: balance.reserved + r.delta.reservedDelta });
      balance = r.balance;
      ledger.push(r.delta);
      expect(balance.onHand).toBeGreaterThanOrEqual(0);
      expect(balance.reserved).toBeGreaterThanOrEqual(0);
      expect(available(balance)).toBeGreaterThanOrEqual(0);
    }
    expect(refused).toBeGreaterThan(0);
    expect(sumLedger(ledger)).toEqual(balance);
  });
});

describe("manual adjustments", () => {
  it("maps the form's reasons to ledger kinds", () => {
    expect(MANUAL_REASONS).toEqual(["received", "counted", "spoiled"]);
    expect(MANUAL_REASON_KIND).toEqual({ received: "receipt", counted: "adjustment", spoiled: "spoilage" });
    expect(manualMovement("received", 5)).toEqual({ ok: true, movement: { kind: "receipt", quantity: 5 } });
    expect(manualMovement("counted", 0)).toEqual({ ok: true, movement: { kind: "adjustment", counted: 0 } });
    expect(manualMovement("spoiled", 2)).toEqual({ ok: true, movement: { kind: "spoilage", quantity: 2 } });
  });
  it("requires a reason, and only the seller's reasons", () => {
    for (const reason of [undefined, null, "", "reservation", "shipment", "receipt", "RECEIVED"]) {
      expect(manualMovement(reason, 5), String(reason)).toEqual({ ok: false, refusal: "stock.refusal.reason" });
    }
    expect(isManualReason("counted")).toBe(true);
    expect(isManualReason("toString")).toBe(false);
  });
  it("keeps reservations, releases and shipments for ordering alone", () => {
    expect(ORDER_KINDS).toEqual(["reservation", "release", "shipment"]);
    for (const kind of ORDER_KINDS) {
      expect(isOrderKind(kind)).toBe(true);
      expect(isManualKind(kind)).toBe(false);
    }
    for (const kind of ["receipt", "adjustment", "spoilage"] as const) {
      expect(isManualKind(kind)).toBe(true);
      expect(isOrderKind(kind)).toBe(false);
    }
  });
});

describe("lockOrder", () => {
  const A = "0a2f4e1c-0000-4000-8000-000000000001";
  const B = "5b000000-0000-4000-8000-000000000002";
  const C = "f0000000-0000-4000-8000-000000000003";
  it("sorts variants by id so every transaction locks rows in one order", () => {
    const lines = [
      { variantId: C, quantity: 1 },
      { variantId: A, quantity: 2 },
      { variantId: B, quantity: 3 },
    ];
    expect(lockOrder(lines).map((g) => g.variantId)).toEqual([A, B, C]);
    // Any permutation of the same lines gives the same order.
    expect(lockOrder([...lines].reverse()).map((g) => g.variantId)).toEqual([A, B, C]);
  });
  it("groups lines of one variant, keeping their order, and ignores case", () => {
    const groups = lockOrder([
      { variantId: B, quantity: 1, orderLineId: "l1" },
      { variantId: A, quantity: 2, orderLineId: "l2" },
      { variantId: B.toUpperCase(), quantity: 3, orderLineId: "l3" },
    ]);
    expect(groups.map((g) => [g.variantId, g.lines.map((l) => l.orderLineId)])).toEqual([
      [A, ["l2"]],
      [B, ["l1", "l3"]],
    ]);
  });
  it("sorts like PostgreSQL's uuid order (hex digits before letters, byte by byte)", () => {
    const ids = ["a0000000-0000-4000-8000-000000000000", "90000000-0000-4000-8000-000000000000", "0f000000-0000-4000-8000-000000000000", "00000000-0000-4000-8000-00000000000a"];
    expect(lockOrder(ids.map((variantId) => ({ variantId, quantity: 1 }))).map((g) => g.variantId)).toEqual([ids[3], ids[2], ids[1], ids[0]]);
  });
  it("gives nothing for no lines", () => {
    expect(lockOrder([])).toEqual([]);
  });
});

describe("low stock", () => {
  it("estimates a week's demand from the last four weeks", () => {
    expect(weeklyDemand(40)).toBe(10);
    expect(weeklyDemand(0)).toBe(0);
    expect(weeklyDemand(14, 14)).toBe(7);
    expect(weeklyDemand(5, 0)).toBe(0);
  });
  it("flags 10 packs or fewer available", () => {
    expect(isLowStock(10, 0)).toBe(true);
    expect(isLowStock(0, 0)).toBe(true);
    expect(isLowStock(11, 0)).toBe(false);
    expect(isLowStock(5, 0, { threshold: 4 })).toBe(false);
  });
  it("flags less than a week of recent sales even above the threshold", () => {
    // 160 packs in 28 days = 40 a week.
    expect(isLowStock(39, 160)).toBe(true);
    expect(isLowStock(40, 160)).toBe(false);
    expect(isLowStock(100, 160)).toBe(false);
  });
});
