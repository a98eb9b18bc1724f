import { describe, expect, it } from "vitest";
import {
  availableEvents,
  deriveOrderStatus,
  isTerminal,
  MAX_REASON_LENGTH,
  ORDER_PERMISSIONS,
  SELLER_ORDER_EVENTS,
  SELLER_ORDER_STATES,
  transition,
  type Actor,
  type SellerOrderEvent,
  type SellerOrderState,
  type TransitionContext,
} from "./state-machine";

const ALL_PERMISSIONS = Object.values(ORDER_PERMISSIONS);
const god: Actor = { permissions: ALL_PERMISSIONS, owns: true };
const buyer: Actor = { permissions: ["update:order:own", "cancel:order:own"], owns: true };
const seller: Actor = { permissions: ["confirm:seller-order:own", "pack:seller-order:own", "cancel:seller-order:own"], owns: true };
const operator: Actor = {
  permissions: ["receive:order:warehouse", "dispatch:order:warehouse", "deliver:order:warehouse", "close:order:warehouse", "cancel:order:any"],
  owns: false,
};
const driver: Actor = { permissions: ["deliver:delivery:own"], owns: true };

const cutoffAt = new Date("2026-11-30T06:00:00Z"); // 14:00 Beijing the day before delivery
const beforeCutoff = new Date("2026-11-30T05:59:59.999Z");

/** A context that passes every guard of `event`. */
function passing(event: SellerOrderEvent, actor: Actor = god): TransitionContext {
  const base: TransitionContext = { actor, now: beforeCutoff, cutoffAt, reason: "缺货" };
  if (event === "confirm") return { ...base, shipment: [{ lineId: "a", orderedQuantity: 10, shippedQuantity: 10 }] };
  if (event === "short_ship") return { ...base, shipment: [{ lineId: "a", orderedQuantity: 10, confirmedQuantity: 10, shippedQuantity: 8 }] };
  if (event === "record_weights" || event === "pack")
    return { ...base, weights: [{ lineId: "w", shippedQuantity: 4, variableWeight: true, netWeightGrams: 2500, actualGrams: 10_340 }] };
  return base;
}

/** The lifecycle, written out independently of the TRANSITIONS table: state → event → next state. */
const EXPECTED: Record<SellerOrderState, Partial<Record<SellerOrderEvent, SellerOrderState>>> = {
  placed: { amend: "placed", cancel_by_buyer: "cancelled", confirm: "confirmed", cancel_by_seller: "cancelled", cancel_by_operator: "cancelled" },
  confirmed: { amend: "placed", cancel_by_buyer: "cancelled", short_ship: "confirmed", record_weights: "confirmed", pack: "packed", cancel_by_operator: "cancelled" },
  packed: { receive: "received", cancel_by_operator: "cancelled" },
  received: { dispatch: "out_for_delivery", cancel_by_operator: "cancelled" },
  out_for_delivery: { deliver: "delivered", cancel_by_operator: "cancelled" },
  delivered: { close: "closed" },
  closed: {},
  cancelled: {},
};

/** Which permissions allow each event, written out independently. */
const EXPECTED_PERMISSIONS: Record<SellerOrderEvent, string[]> = {
  amend: ["update:order:own"],
  cancel_by_buyer: ["cancel:order:own"],
  confirm: ["confirm:seller-order:own"],
  short_ship: ["confirm:seller-order:own"],
  record_weights: ["pack:seller-order:own"],
  pack: ["pack:seller-order:own"],
  cancel_by_seller: ["cancel:seller-order:own"],
  receive: ["receive:order:warehouse"],
  dispatch: ["dispatch:order:warehouse", "deliver:delivery:own"],
  deliver: ["deliver:order:warehouse", "deliver:delivery:own"],
  close: ["close:order:warehouse"],
  cancel_by_operator: ["cancel:order:any"],
};

describe("every event from every state", () => {
  for (const state of SELLER_ORDER_STATES)
    for (const event of SELLER_ORDER_EVENTS) {
      const next = EXPECTED[state][event];
      it(`${state} --${event}--> ${next ?? "refused"}`, () => {
        const r = transition(state, event, passing(event));
        if (next) expect(r).toMatchObject({ ok: true, next, record: { event, from: state, to: next } });
        else expect(r).toEqual({ ok: false, code: "invalid_state" });
      });
    }
  it("covers 8 states × 12 events", () => {
    expect(SELLER_ORDER_STATES).toHaveLength(8);
    expect(SELLER_ORDER_EVENTS).toHaveLength(12);
  });
  it("refuses an unknown event", () => {
    expect(transition("placed", "ship_by_drone", passing("confirm"))).toEqual({ ok: false, code: "unknown_event" });
    expect(transition("placed", "", passing("confirm"))).toEqual({ ok: false, code: "unknown_event" });
    expect(transition("placed", "__proto__", passing("confirm"))).toEqual({ ok: false, code: "unknown_event" });
  });
  it("closed and cancelled are terminal, nothing else is", () => {
    expect(SELLER_ORDER_STATES.filter(isTerminal)).toEqual(["closed", "cancelled"]);
  });
});

describe("permissions", () => {
  for (const event of SELLER_ORDER_EVENTS) {
    const from = (Object.keys(EXPECTED) as SellerOrderState[]).find((s) => EXPECTED[s][event])!;
    for (const permission of ALL_PERMISSIONS) {
      const allowed = EXPECTED_PERMISSIONS[event].includes(permission);
      it(`${event} with only ${permission}: ${allowed ? "allowed" : "forbidden"}`, () => {
        const r = transition(from, event, passing(event, { permissions: [permission], owns: true }));
        if (allowed) expect(r.ok).toBe(true);
        else expect(r).toEqual({ ok: false, code: "forbidden" });
      });
    }
    it(`${event} with no permissions: forbidden`, () => {
      expect(transition(from, event, passing(event, { permissions: [], owns: true }))).toEqual({ ok: false, code: "forbidden" });
    });
  }
  it("an …:own permission needs ownership; warehouse and any permissions do not", () => {
    const notMine = (a: Actor): Actor => ({ ...a, owns: false });
    expect(transition("placed", "confirm", passing("confirm", notMine(seller)))).toEqual({ ok: false, code: "not_owner" });
    expect(transition("placed", "cancel_by_buyer", passing("cancel_by_buyer", notMine(buyer)))).toEqual({ ok: false, code: "not_owner" });
    expect(transition("placed", "amend", passing("amend", notMine(buyer)))).toEqual({ ok: false, code: "not_owner" });
    expect(transition("placed", "cancel_by_seller", passing("cancel_by_seller", notMine(seller)))).toEqual({ ok: false, code: "not_owner" });
    expect(transition("confirmed", "pack", passing("pack", notMine(seller)))).toEqual({ ok: false, code: "not_owner" });
    expect(transition("out_for_delivery", "deliver", passing("deliver", notMine(driver)))).toEqual({ ok: false, code: "not_owner" });
    expect(transition("packed", "receive", passing("receive", operator)).ok).toBe(true);
    expect(transition("out_for_delivery", "deliver", passing("deliver", operator)).ok).toBe(true);
    expect(transition("confirmed", "cancel_by_operator", passing("cancel_by_operator", operator)).ok).toBe(true);
  });
  it("the driver of the order's published route dispatches it when starting the route; another driver may not", () => {
    expect(transition("received", "dispatch", passing("dispatch", driver))).toMatchObject({ ok: true, next: "out_for_delivery" });
    expect(transition("received", "dispatch", passing("dispatch", { ...driver, owns: false }))).toEqual({ ok: false, code: "not_owner" });
    expect(transition("packed", "dispatch", passing("dispatch", driver))).toEqual({ ok: false, code: "invalid_state" });
    expect(availableEvents("received", driver)).toEqual(["dispatch"]);
  });
  it("permission is checked before the state (a buyer learns nothing about a seller's step)", () => {
    expect(transition("closed", "confirm", passing("confirm", buyer))).toEqual({ ok: false, code: "forbidden" });
  });
  it("a seller cannot act as the warehouse, a buyer cannot confirm, a driver cannot cancel", () => {
    expect(transition("packed", "receive", passing("receive", seller))).toEqual({ ok: false, code: "forbidden" });
    expect(transition("placed", "confirm", passing("confirm", buyer))).toEqual({ ok: false, code: "forbidden" });
    expect(transition("out_for_delivery", "cancel_by_operator", passing("cancel_by_operator", driver))).toEqual({ ok: false, code: "forbidden" });
    expect(transition("placed", "cancel_by_buyer", passing("cancel_by_buyer", seller))).toEqual({ ok: false, code: "forbidden" });
  });
});

describe("availableEvents", () => {
  it("offers each role its buttons", () => {
    expect(availableEvents("placed", buyer)).toEqual(["amend", "cancel_by_buyer"]);
    expect(availableEvents("placed", seller)).toEqual(["confirm", "cancel_by_seller"]);
    expect(availableEvents("confirmed", seller)).toEqual(["short_ship", "record_weights", "pack"]);
    expect(availableEvents("packed", seller)).toEqual([]);
    expect(availableEvents("packed", operator)).toEqual(["receive", "cancel_by_operator"]);
    expect(availableEvents("out_for_delivery", driver)).toEqual(["deliver"]);
    expect(availableEvents("out_for_delivery", { ...driver, owns: false })).toEqual([]);
    expect(availableEvents("delivered", operator)).toEqual(["close"]);
    expect(availableEvents("closed", god)).toEqual([]);
    expect(availableEvents("cancelled", god)).toEqual([]);
  });
});

describe("buyer changes until the cut-off", () => {
  for (const event of ["amend", "cancel_by_buyer"] as const)
    for (const state of ["placed", "confirmed"] as const) {
      it(`${event} from ${state}: allowed 1 ms before, refused at and after the cut-off`, () => {
        expect(transition(state, event, { ...passing(event, buyer), now: beforeCutoff }).ok).toBe(true);
        expect(transition(state, event, { ...passing(event, buyer), now: cutoffAt })).toEqual({ ok: false, code: "past_cutoff" });
        expect(transition(state, event, { ...passing(event, buyer), now: new Date("2026-11-30T16:00:00Z") })).toEqual({ ok: false, code: "past_cutoff" });
      });
    }
  it("refuses without the clock or the cut-off (fails closed)", () => {
    expect(transition("placed", "cancel_by_buyer", { actor: buyer, cutoffAt })).toEqual({ ok: false, code: "context_missing" });
    expect(transition("placed", "cancel_by_buyer", { actor: buyer, now: beforeCutoff })).toEqual({ ok: false, code: "context_missing" });
  });
  it("needs no reason", () => {
    expect(transition("placed", "cancel_by_buyer", { actor: buyer, now: beforeCutoff, cutoffAt })).toMatchObject({ ok: true, record: { event: "cancel_by_buyer" } });
  });
  it("after packing, only an operator can cancel", () => {
    expect(transition("packed", "cancel_by_buyer", passing("cancel_by_buyer", buyer))).toEqual({ ok: false, code: "invalid_state" });
  });
});

describe("reasons", () => {
  for (const [event, actor, state] of [
    ["cancel_by_seller", seller, "placed"],
    ["cancel_by_operator", operator, "out_for_delivery"],
  ] as const) {
    it(`${event} needs a reason`, () => {
      for (const reason of [undefined, null, "", "   ", "\u3000"]) expect(transition(state, event, { actor, reason })).toEqual({ ok: false, code: "reason_required" });
      expect(transition(state, event, { actor, reason: "x".repeat(MAX_REASON_LENGTH + 1) })).toEqual({ ok: false, code: "reason_too_long" });
      expect(transition(state, event, { actor, reason: "香".repeat(MAX_REASON_LENGTH) }).ok).toBe(true);
      expect(transition(state, event, { actor, reason: "  产品质量问题  " })).toEqual({
        ok: true,
        next: "cancelled",
        record: { event, from: state, to: "cancelled", reason: "产品质量问题" },
      });
    });
  }
  it("counts characters, not UTF-16 units (emoji)", () => {
    expect(transition("placed", "cancel_by_seller", { actor: seller, reason: "🍄".repeat(MAX_REASON_LENGTH) }).ok).toBe(true);
  });
  it("a seller can no longer cancel once confirmed", () => {
    expect(transition("confirmed", "cancel_by_seller", { actor: seller, reason: "缺货" })).toEqual({ ok: false, code: "invalid_state" });
  });
});

describe("confirm: wholly or with short-shipped lines and a reason", () => {
  const ctx = (shipment: TransitionContext["shipment"], reason?: string): TransitionContext => ({ actor: seller, shipment, reason });
  it("wholly", () => {
    const r = transition("placed", "confirm", ctx([{ lineId: "a", orderedQuantity: 10, shippedQuantity: 10 }, { lineId: "b", orderedQuantity: 2, shippedQuantity: 2 }]));
    expect(r).toEqual({ ok: true, next: "confirmed", record: { event: "confirm", from: "placed", to: "confirmed", shortLineIds: [] } });
  });
  it("short-shipping a line needs a reason, on the line or for the whole", () => {
    const lines = [{ lineId: "a", orderedQuantity: 10, shippedQuantity: 6 }, { lineId: "b", orderedQuantity: 2, shippedQuantity: 2 }];
    expect(transition("placed", "confirm", ctx(lines))).toEqual({ ok: false, code: "reason_required", lineIds: ["a"] });
    expect(transition("placed", "confirm", ctx(lines, "  "))).toEqual({ ok: false, code: "reason_required", lineIds: ["a"] });
    expect(transition("placed", "confirm", ctx(lines, "今年减产"))).toMatchObject({ ok: true, record: { reason: "今年减产", shortLineIds: ["a"] } });
    expect(transition("placed", "confirm", ctx([{ ...lines[0]!, reason: "霜冻" }, lines[1]!]))).toMatchObject({ ok: true, record: { shortLineIds: ["a"] } });
  });
  it("a line may ship nothing, but not every line", () => {
    expect(transition("placed", "confirm", ctx([{ lineId: "a", orderedQuantity: 10, shippedQuantity: 0 }, { lineId: "b", orderedQuantity: 2, shippedQuantity: 2 }], "售罄")).ok).toBe(true);
    expect(transition("placed", "confirm", ctx([{ lineId: "a", orderedQuantity: 10, shippedQuantity: 0 }], "售罄"))).toEqual({ ok: false, code: "nothing_to_ship" });
  });
  it.each([
    [11, "more than ordered"],
    [-1, "negative"],
    [2.5, "fractional"],
    [NaN, "not a number"],
  ])("refuses shipping %s (%s)", (shipped) => {
    expect(transition("placed", "confirm", ctx([{ lineId: "a", orderedQuantity: 10, shippedQuantity: shipped }, { lineId: "b", orderedQuantity: 1, shippedQuantity: 1 }], "x"))).toEqual({
      ok: false,
      code: "invalid_shipment",
      lineIds: ["a"],
    });
  });
  it("refuses a line listed twice and a missing shipment", () => {
    expect(transition("placed", "confirm", ctx([{ lineId: "a", orderedQuantity: 1, shippedQuantity: 1 }, { lineId: "a", orderedQuantity: 1, shippedQuantity: 1 }]))).toMatchObject({
      ok: false,
      code: "invalid_shipment",
    });
    expect(transition("placed", "confirm", ctx([]))).toEqual({ ok: false, code: "context_missing" });
    expect(transition("placed", "confirm", { actor: seller })).toEqual({ ok: false, code: "context_missing" });
  });
});

describe("short_ship after confirming", () => {
  const ctx = (shipment: TransitionContext["shipment"], reason = "冷库故障"): TransitionContext => ({ actor: seller, shipment, reason });
  it("lowers a confirmed line with a reason", () => {
    expect(transition("confirmed", "short_ship", ctx([{ lineId: "a", orderedQuantity: 10, confirmedQuantity: 8, shippedQuantity: 5 }]))).toMatchObject({
      ok: true,
      next: "confirmed",
      record: { shortLineIds: ["a"], reason: "冷库故障" },
    });
  });
  it("never raises a line above what was confirmed", () => {
    expect(transition("confirmed", "short_ship", ctx([{ lineId: "a", orderedQuantity: 10, confirmedQuantity: 8, shippedQuantity: 9 }, { lineId: "b", orderedQuantity: 5, shippedQuantity: 4 }]))).toEqual({
      ok: false,
      code: "invalid_shipment",
      lineIds: ["a"],
    });
  });
  it("refuses a change that changes nothing", () => {
    expect(transition("confirmed", "short_ship", ctx([{ lineId: "a", orderedQuantity: 10, confirmedQuantity: 8, shippedQuantity: 8 }]))).toEqual({ ok: false, code: "no_change" });
  });
  it("needs a reason and something left to ship", () => {
    expect(transition("confirmed", "short_ship", { actor: seller, shipment: [{ lineId: "a", orderedQuantity: 10, shippedQuantity: 5 }] })).toMatchObject({ ok: false, code: "reason_required" });
    expect(transition("confirmed", "short_ship", ctx([{ lineId: "a", orderedQuantity: 10, shippedQuantity: 0 }]))).toEqual({ ok: false, code: "nothing_to_ship" });
  });
});

describe("weighing and packing", () => {
  const w = (lineId: string, actualGrams: number | null, variableWeight = true, shippedQuantity = 4) => ({ lineId, shippedQuantity, variableWeight, netWeightGrams: 2500, actualGrams });
  it("record_weights accepts weights within tolerance", () => {
    expect(transition("confirmed", "record_weights", { actor: seller, weights: [w("a", 10_340), w("b", null)] })).toMatchObject({ ok: true, next: "confirmed" });
  });
  it("record_weights refuses nothing to record and an implausible weight", () => {
    expect(transition("confirmed", "record_weights", { actor: seller, weights: [w("a", null)] })).toEqual({ ok: false, code: "weights_missing" });
    expect(transition("confirmed", "record_weights", { actor: seller })).toEqual({ ok: false, code: "weights_missing" });
    expect(transition("confirmed", "record_weights", { actor: seller, weights: [w("a", 10), w("b", 10_000)] })).toEqual({ ok: false, code: "invalid_weight", lineIds: ["a"] });
    expect(transition("confirmed", "record_weights", { actor: seller, weights: [w("a", 10_000.5)] })).toEqual({ ok: false, code: "invalid_weight", lineIds: ["a"] });
    expect(transition("confirmed", "record_weights", { actor: seller, weights: [w("f", 10_000, false)] })).toEqual({ ok: false, code: "invalid_weight", lineIds: ["f"] });
  });
  it("pack needs every variable-weight line with packs to ship weighed", () => {
    expect(transition("confirmed", "pack", { actor: seller, weights: [w("a", 10_340), w("fixed", null, false)] })).toMatchObject({ ok: true, next: "packed" });
    expect(transition("confirmed", "pack", { actor: seller, weights: [w("a", null), w("b", null), w("c", 9000)] })).toEqual({ ok: false, code: "weights_missing", lineIds: ["a", "b"] });
    expect(transition("confirmed", "pack", { actor: seller, weights: [w("a", 99_999)] })).toEqual({ ok: false, code: "invalid_weight", lineIds: ["a"] });
  });
  it("a short-shipped variable-weight line with nothing to ship needs no weight", () => {
    expect(transition("confirmed", "pack", { actor: seller, weights: [w("a", null, true, 0), w("b", 5000, true, 2)] }).ok).toBe(true);
  });
  it("an order of fixed-weight packs packs without weights", () => {
    expect(transition("confirmed", "pack", { actor: seller, weights: [w("fixed", null, false)] }).ok).toBe(true);
    expect(transition("confirmed", "pack", { actor: seller, weights: [] }).ok).toBe(true);
    expect(transition("confirmed", "pack", { actor: seller })).toEqual({ ok: false, code: "context_missing" });
  });
});

describe("the warehouse steps", () => {
  it("walks a seller order from packed to closed", () => {
    let state: SellerOrderState = "packed";
    for (const [event, actor] of [
      ["receive", operator],
      ["dispatch", operator],
      ["deliver", driver],
      ["close", operator],
    ] as const) {
      const r = transition(state, event, { actor });
      if (!r.ok) throw new Error(r.code);
      state = r.next;
    }
    expect(state).toBe("closed");
  });
  it("cannot skip a step", () => {
    expect(transition("packed", "deliver", { actor: operator })).toEqual({ ok: false, code: "invalid_state" });
    expect(transition("confirmed", "receive", { actor: operator })).toEqual({ ok: false, code: "invalid_state" });
    expect(transition("received", "close", { actor: operator })).toEqual({ ok: false, code: "invalid_state" });
  });
  it("an operator cannot cancel what was delivered", () => {
    expect(transition("delivered", "cancel_by_operator", { actor: operator, reason: "x" })).toEqual({ ok: false, code: "invalid_state" });
  });
});

describe("deriveOrderStatus", () => {
  it.each<[SellerOrderState[], string]>([
    [["placed"], "placed"],
    [["placed", "placed"], "placed"],
    [["placed", "confirmed"], "partially_confirmed"],
    [["placed", "packed"], "partially_confirmed"],
    [["placed", "out_for_delivery"], "partially_confirmed"],
    [["confirmed", "confirmed"], "confirmed"],
    [["confirmed", "packed"], "confirmed"],
    [["packed", "packed"], "packed"],
    [["packed", "received"], "packed"],
    [["received", "out_for_delivery"], "received"],
    [["out_for_delivery"], "out_for_delivery"],
    [["out_for_delivery", "delivered"], "partially_delivered"],
    [["placed", "delivered"], "partially_delivered"],
    [["delivered", "delivered"], "delivered"],
    [["delivered", "closed"], "delivered"],
    [["closed", "closed"], "closed"],
    [["cancelled"], "cancelled"],
    [["cancelled", "cancelled"], "cancelled"],
    [["cancelled", "placed"], "placed"],
    [["cancelled", "confirmed"], "confirmed"],
    [["cancelled", "placed", "confirmed"], "partially_confirmed"],
    [["cancelled", "delivered"], "delivered"],
    [["cancelled", "closed"], "closed"],
  ])("%j → %s", (states, status) => {
    expect(deriveOrderStatus(states)).toBe(status);
  });
  it("does not depend on the order of seller orders", () => {
    expect(deriveOrderStatus(["confirmed", "placed", "cancelled"])).toBe(deriveOrderStatus(["cancelled", "placed", "confirmed"]));
  });
  it("an order without seller orders is a bug", () => {
    expect(() => deriveOrderStatus([])).toThrow(RangeError);
  });
});
