import { describe, expect, it } from "vitest";
import { readShipmentForm, readWeightsForm, refusalErrors, type FormLine } from "./step-forms";

const rice: FormLine = { id: "r", quantity: 5, shippedQuantity: null, shortReason: "", variableWeight: false, netWeightGrams: 10_000 };
const mushroom: FormLine = { id: "m", quantity: 3, shippedQuantity: null, shortReason: "", variableWeight: true, netWeightGrams: 5_000 };

describe("the confirm / short-ship form", () => {
  it("ships every line in full when nothing is typed (the inbox's one-click confirm)", () => {
    expect(readShipmentForm({}, [rice, mushroom], { reduceOnly: false })).toEqual({
      ok: true,
      shipment: [
        { lineId: "r", shippedQuantity: 5, reason: "" },
        { lineId: "m", shippedQuantity: 3, reason: "" },
      ],
    });
  });
  it("reads fewer packs with a reason, full-width digits included", () => {
    expect(readShipmentForm({ "shipped-r": "３", "reason-r": "  今年 减产  " }, [rice], { reduceOnly: false })).toEqual({ ok: true, shipment: [{ lineId: "r", shippedQuantity: 3, reason: "今年 减产" }] });
  });
  it("asks for a reason, whole packs, no more than ordered", () => {
    expect(readShipmentForm({ "shipped-r": "3" }, [rice], { reduceOnly: false })).toEqual({ ok: false, errors: { "reason-r": "fulfilment.error.shortReasonRequired" } });
    expect(readShipmentForm({ "shipped-r": "2.5" }, [rice], { reduceOnly: false })).toEqual({ ok: false, errors: { "shipped-r": "fulfilment.error.shippedWhole" } });
    expect(readShipmentForm({ "shipped-r": "-1" }, [rice], { reduceOnly: false })).toEqual({ ok: false, errors: { "shipped-r": "fulfilment.error.shippedWhole" } });
    expect(readShipmentForm({ "shipped-r": "abc" }, [rice], { reduceOnly: false })).toEqual({ ok: false, errors: { "shipped-r": "fulfilment.error.shippedWhole" } });
    expect(readShipmentForm({ "shipped-r": "6" }, [rice], { reduceOnly: false })).toEqual({ ok: false, errors: { "shipped-r": "fulfilment.error.shippedTooMany" } });
    expect(readShipmentForm({ "shipped-r": "0", "reason-r": "没货" }, [rice], { reduceOnly: false })).toEqual({ ok: false, errors: { _form: "fulfilment.error.nothingToShip" } });
    expect(readShipmentForm({ "shipped-r": "3", "reason-r": "缺".repeat(501) }, [rice], { reduceOnly: false })).toEqual({ ok: false, errors: { "reason-r": "fulfilment.error.reasonTooLong" } });
  });
  it("after confirming only lowers, keeps an earlier short reason, and says when nothing changed", () => {
    const confirmed = { ...rice, shippedQuantity: 4, shortReason: "少一袋" };
    expect(readShipmentForm({ "shipped-r": "5" }, [confirmed], { reduceOnly: true })).toEqual({ ok: false, errors: { "shipped-r": "fulfilment.error.shippedRaised" } });
    expect(readShipmentForm({ "shipped-r": "4" }, [confirmed], { reduceOnly: true })).toEqual({ ok: false, errors: { _form: "fulfilment.error.noChange" } });
    expect(readShipmentForm({ "shipped-r": "2" }, [confirmed], { reduceOnly: true })).toEqual({ ok: true, shipment: [{ lineId: "r", shippedQuantity: 2, reason: "少一袋" }] });
  });
});

describe("the weighing form", () => {
  it("reads kilograms by default, grams when chosen, or a unit typed with the number", () => {
    expect(readWeightsForm({ "weight-m": "14.2" }, [rice, mushroom])).toEqual({ ok: true, weights: [{ lineId: "m", actualGrams: 14_200 }] });
    expect(readWeightsForm({ "weight-m": "14200", "unit-m": "g" }, [mushroom])).toEqual({ ok: true, weights: [{ lineId: "m", actualGrams: 14_200 }] });
    expect(readWeightsForm({ "weight-m": "28.4斤", "unit-m": "g" }, [mushroom])).toEqual({ ok: true, weights: [{ lineId: "m", actualGrams: 14_200 }] });
    expect(readWeightsForm({ "weight-m": "１４．２ 公斤" }, [mushroom])).toEqual({ ok: true, weights: [{ lineId: "m", actualGrams: 14_200 }] });
  });
  it("refuses a kilogram typed as grams, an extra zero, fractions of a gram and non-numbers", () => {
    expect(readWeightsForm({ "weight-m": "14.2", "unit-m": "g" }, [mushroom])).toEqual({ ok: false, errors: { "weight-m": "fulfilment.error.weightWholeGrams" } });
    expect(readWeightsForm({ "weight-m": "14", "unit-m": "g" }, [mushroom])).toEqual({ ok: false, errors: { "weight-m": "fulfilment.error.weightRange" } });
    expect(readWeightsForm({ "weight-m": "142" }, [mushroom])).toEqual({ ok: false, errors: { "weight-m": "fulfilment.error.weightRange" } });
    expect(readWeightsForm({ "weight-m": "十四" }, [mushroom])).toEqual({ ok: false, errors: { "weight-m": "fulfilment.error.weightNumber" } });
    expect(readWeightsForm({ "weight-m": "-3" }, [mushroom])).toEqual({ ok: false, errors: { "weight-m": "fulfilment.error.weightNumber" } });
  });
  it("needs at least one weight and weighs only the packs that ship", () => {
    expect(readWeightsForm({ "weight-m": " " }, [mushroom])).toEqual({ ok: false, errors: { _form: "fulfilment.error.weightsMissing" } });
    expect(readWeightsForm({ "weight-r": "10" }, [rice])).toEqual({ ok: false, errors: { _form: "fulfilment.error.weightsMissing" } });
    expect(readWeightsForm({ "weight-m": "10" }, [{ ...mushroom, shippedQuantity: 2 }])).toEqual({ ok: true, weights: [{ lineId: "m", actualGrams: 10_000 }] });
    expect(readWeightsForm({ "weight-m": "15.1" }, [{ ...mushroom, shippedQuantity: 2 }])).toEqual({ ok: false, errors: { "weight-m": "fulfilment.error.weightRange" } });
  });
});

describe("workflow refusals as form errors", () => {
  it("puts line refusals on the line's field and state changes at the top", () => {
    expect(refusalErrors("reason_required", ["r"], "confirm")).toEqual({ "reason-r": "fulfilment.error.shortReasonRequired", _form: "fulfilment.error.fix" });
    expect(refusalErrors("reason_required", undefined, "cancel_by_seller")).toEqual({ reason: "fulfilment.error.reasonRequired" });
    expect(refusalErrors("invalid_weight", ["m"], "record_weights")).toEqual({ "weight-m": "fulfilment.error.weightRange", _form: "fulfilment.error.fix" });
    expect(refusalErrors("weights_missing", ["m"], "pack")).toEqual({ _form: "fulfilment.error.packNeedsWeights" });
    expect(refusalErrors("invalid_state", undefined, "receive")).toEqual({ _form: "fulfilment.error.invalidState" });
    expect(refusalErrors("context_missing", undefined, "confirm")).toEqual({ _form: "fulfilment.error.unknownAction" });
  });
});
