import { describe, expect, it } from "vitest";
import {
  checkTemperature,
  claimUnowned,
  decideAction,
  isSafeSignatureSvg,
  localStopStatus,
  mergeQueue,
  newActionId,
  otherAccountResult,
  parseDeliverForm,
  partitionQueue,
  payloadToValues,
  recordedBy,
  replayOrder,
  settleQueue,
  typedSignatureSvg,
  type DeliverPayload,
  type DriverAction,
  type HandOverLine,
  type StopState,
} from "./actions";

const SIG = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 300 100"><path d="M 10 10 L 50 50" stroke="#000" fill="none"/></svg>';
const stop = (over: Partial<StopState> = {}): StopState => ({ onDriversPublishedRoute: true, status: "planned", signatureSvg: "", temperatures: {}, ...over });
const deliver = (over: Partial<DeliverPayload> = {}): DeliverPayload => ({ lines: [], temperatures: { chilled: 4 }, receiverName: "王师傅", signatureSvg: SIG, hasPhoto: false, note: "", ...over });
const act = (id: string, stopId: string, actedAt: string, kind: DriverAction["kind"] = "arrive"): DriverAction => ({ id, stopId, kind, actedAt, payload: kind === "deliver" ? deliver() : {} });

describe("decideAction", () => {
  it("applies arrive, deliver and fail on a planned stop of the driver's published route", () => {
    for (const kind of ["arrive", "deliver", "fail"] as const) expect(decideAction(stop(), { kind, payload: kind === "deliver" ? deliver() : { reason: "无人" } }).outcome).toBe("applied");
  });
  it("calls an action for a re-planned stop stale, with a message that says so", () => {
    expect(decideAction(stop({ onDriversPublishedRoute: false }), { kind: "deliver", payload: deliver() })).toEqual({ outcome: "stale", message: "driverApp.outcome.stale" });
    expect(decideAction(null, { kind: "arrive", payload: {} })).toEqual({ outcome: "stale", message: "driverApp.outcome.staleUnknown" });
  });
  it("a second arrival is a duplicate", () => {
    expect(decideAction(stop({ status: "arrived" }), { kind: "arrive", payload: {} }).outcome).toBe("duplicate");
    expect(decideAction(stop({ status: "delivered" }), { kind: "arrive", payload: {} }).outcome).toBe("duplicate");
  });
  it("deliver after deliver is a duplicate when it repeats the proof, refused when it brings a second signature or temperature", () => {
    const done = stop({ status: "delivered", signatureSvg: SIG, temperatures: { chilled: 4 } });
    expect(decideAction(done, { kind: "deliver", payload: deliver() })).toEqual({ outcome: "duplicate", message: "driverApp.outcome.alreadyDelivered" });
    expect(decideAction(done, { kind: "deliver", payload: deliver({ signatureSvg: SIG.replace("50 50", "60 60") }) })).toEqual({ outcome: "refused", message: "driverApp.outcome.secondProof" });
    expect(decideAction(done, { kind: "deliver", payload: deliver({ temperatures: { chilled: 5 } }) })).toEqual({ outcome: "refused", message: "driverApp.outcome.secondProof" });
  });
  it("a delivered stop cannot be failed; a failed one may still be delivered", () => {
    expect(decideAction(stop({ status: "delivered" }), { kind: "fail", payload: { reason: "x" } }).outcome).toBe("refused");
    expect(decideAction(stop({ status: "failed" }), { kind: "fail", payload: { reason: "x" } }).outcome).toBe("duplicate");
    expect(decideAction(stop({ status: "failed" }), { kind: "deliver", payload: deliver() }).outcome).toBe("applied");
  });
});

describe("queue merge and replay", () => {
  it("a replayed id adds nothing and keeps its first version", () => {
    const a = act("a", "s1", "2026-12-03T01:00:00Z");
    const q = mergeQueue([a], [{ ...a, actedAt: "2026-12-03T09:00:00Z" }, act("b", "s1", "2026-12-03T02:00:00Z")]);
    expect(q.map((x) => [x.id, x.actedAt])).toEqual([
      ["a", "2026-12-03T01:00:00Z"],
      ["b", "2026-12-03T02:00:00Z"],
    ]);
  });
  it("orders each stop's actions by actedAt (ties by id), stops by first appearance", () => {
    const batch = [act("d", "s1", "2026-12-03T03:00:00Z", "deliver"), act("x", "s2", "2026-12-03T01:00:00Z"), act("c", "s1", "2026-12-03T02:00:00+08:00"), act("b", "s1", "2026-12-03T03:00:00Z"), act("c", "s1", "2026-12-03T05:00:00Z")];
    expect(replayOrder(batch).map((a) => a.id)).toEqual(["c", "b", "d", "x"]);
  });
  it("settles what the server answered and keeps the rest", () => {
    const q = [act("a", "s1", "2026-12-03T01:00:00Z"), act("b", "s2", "2026-12-03T01:00:00Z")];
    expect(settleQueue(q, [{ id: "a" }]).map((x) => x.id)).toEqual(["b"]);
  });
  it("shows a stop's status moved on by unsent actions", () => {
    const q = [act("b", "s1", "2026-12-03T02:00:00Z", "deliver"), act("a", "s1", "2026-12-03T01:00:00Z"), act("z", "s9", "2026-12-03T01:00:00Z")];
    expect(localStopStatus("planned", q, "s1")).toBe("delivered");
    expect(localStopStatus("planned", [], "s1")).toBe("planned");
    expect(localStopStatus("delivered", [act("f", "s1", "2026-12-03T03:00:00Z", "fail")], "s1")).toBe("delivered");
  });
  it("makes v4 uuids without a secure context", () => {
    const id = newActionId();
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(newActionId()).not.toBe(id);
  });
});

describe("a phone shared between drivers", () => {
  const A = "user-a";
  const B = "user-b";
  const by = (a: DriverAction, userId?: string): DriverAction => (userId === undefined ? a : { ...a, userId });
  const queue = [by(act("a1", "s1", "2026-12-03T01:00:00Z"), A), by(act("b1", "s2", "2026-12-03T02:00:00Z"), B), act("old", "s1", "2026-12-03T00:30:00Z"), by(act("a2", "s1", "2026-12-03T03:00:00Z", "deliver"), A)];

  it("sends and shows only the signed-in user's actions; another account's are kept apart", () => {
    const forA = partitionQueue(queue, A);
    expect(forA.mine.map((a) => a.id)).toEqual(["a1", "old", "a2"]);
    expect(forA.others.map((a) => a.id)).toEqual(["b1"]);
    const forB = partitionQueue(queue, B);
    expect(forB.mine.map((a) => a.id)).toEqual(["b1", "old"]);
    expect(forB.others.map((a) => a.id)).toEqual(["a1", "a2"]);
    // The stop page's status moves on only by the signed-in user's own unsent actions.
    expect(localStopStatus("planned", partitionQueue(queue.filter((a) => a.userId !== undefined), B).mine, "s1")).toBe("planned");
    expect(localStopStatus("planned", partitionQueue(queue, A).mine, "s1")).toBe("delivered");
  });

  it("counts an action queued before the user was recorded as the current user's, and pins it to them", () => {
    expect(recordedBy(act("old", "s1", "2026-12-03T00:30:00Z"), A)).toBe(true);
    expect(recordedBy(act("old", "s1", "2026-12-03T00:30:00Z"), B)).toBe(true);
    const claimed = claimUnowned(queue, A);
    expect(claimed.map((a) => [a.id, a.userId])).toEqual([
      ["a1", A],
      ["b1", B],
      ["old", A],
      ["a2", A],
    ]);
    // Pinned: the next account to sign in no longer takes it.
    expect(partitionQueue(claimed, B).others.map((a) => a.id)).toEqual(["a1", "old", "a2"]);
    expect(claimUnowned([], A)).toEqual([]);
  });

  it("keeps the same id once across users (a replay adds nothing)", () => {
    const a1 = by(act("a1", "s1", "2026-12-03T01:00:00Z"), A);
    expect(mergeQueue([a1], [{ ...a1, userId: B }]).map((a) => a.userId)).toEqual([A]);
  });

  it("the server refuses another user's action with a per-action answer; the phone keeps it after the sync", () => {
    const theirs = by(act("b1", "s2", "2026-12-03T02:00:00Z"), B);
    expect(otherAccountResult(theirs, A)).toEqual({ id: "b1", stopId: "s2", outcome: "otherAccount", message: "driverApp.outcome.otherAccount", replayed: false, stopStatus: null });
    expect(otherAccountResult(theirs, B)).toBeNull();
    expect(otherAccountResult(act("old", "s1", "2026-12-03T00:30:00Z"), A)).toBeNull();
    const settled = settleQueue(queue, [
      { id: "a1", outcome: "applied" },
      { id: "b1", outcome: "otherAccount" },
      { id: "a2", outcome: "stale" },
    ]);
    expect(settled.map((a) => a.id)).toEqual(["b1", "old"]);
  });
});

describe("temperature rules", () => {
  it.each([
    ["chilled", "0", 0],
    ["chilled", "8", 8],
    ["chilled", " 4.5 ", 4.5],
    ["frozen", "-15", -15],
    ["frozen", "−18.5", -18.5],
    ["frozen", "-20°C", -20],
  ] as const)("%s %j is %d °C", (c, raw, value) => expect(checkTemperature(c, raw)).toEqual({ value }));
  it.each([
    ["chilled", "8.1", "driverApp.temp.chilledRange"],
    ["chilled", "-0.5", "driverApp.temp.chilledRange"],
    ["frozen", "-14.9", "driverApp.temp.frozenRange"],
    ["frozen", "4", "driverApp.temp.frozenRange"],
    ["chilled", "", "driverApp.temp.required"],
    ["chilled", "warm", "driverApp.temp.notNumber"],
    ["frozen", "-18.25", "driverApp.temp.notNumber"],
  ] as const)("%s %j → %s", (c, raw, error) => expect(checkTemperature(c, raw)).toEqual({ error }));
});

describe("the hand-over form", () => {
  const lines: HandOverLine[] = [
    { lineId: "l1", compartment: "frozen", shipped: 10 },
    { lineId: "l2", compartment: "ambient", shipped: 3 },
  ];
  const ok = { "received:l1": "10", "received:l2": "3", "temperature:frozen": "-18", receiverName: "王师傅", signatureSvg: SIG };
  it("defaults received to shipped and needs a temperature only for the cold compartments handed over", () => {
    const r = parseDeliverForm({ "temperature:frozen": "-18", receiverName: "王师傅", signatureSvg: SIG }, lines);
    expect(r.payload).toEqual({ lines: [{ lineId: "l1", receivedQuantity: 10, note: "" }, { lineId: "l2", receivedQuantity: 3, note: "" }], temperatures: { frozen: -18 }, receiverName: "王师傅", signatureSvg: SIG, note: "" });
  });
  it("asks for a note when packs differ, refuses more than shipped, and checks the range", () => {
    expect(parseDeliverForm({ ...ok, "received:l1": "8" }, lines).errors).toEqual({ "note:l1": "driverApp.form.noteRequired" });
    expect(parseDeliverForm({ ...ok, "received:l1": "8", "note:l1": "两箱破损" }, lines).payload?.lines[0]).toEqual({ lineId: "l1", receivedQuantity: 8, note: "两箱破损" });
    expect(parseDeliverForm({ ...ok, "received:l2": "4" }, lines).errors).toEqual({ "received:l2": "driverApp.form.receivedTooMany" });
    expect(parseDeliverForm({ ...ok, "received:l2": "2.5" }, lines).errors).toEqual({ "received:l2": "driverApp.form.receivedWhole" });
    expect(parseDeliverForm({ ...ok, "temperature:frozen": "-10" }, lines).errors).toEqual({ "temperature:frozen": "driverApp.temp.frozenRange" });
  });
  it("requires a receiver and a signature; without JavaScript the typed name must repeat the receiver's", () => {
    expect(parseDeliverForm({ ...ok, receiverName: " ", signatureSvg: "" }, lines).errors).toEqual({ receiverName: "driverApp.form.receiverRequired", signatureSvg: "driverApp.form.signatureRequired" });
    expect(parseDeliverForm({ ...ok, signatureSvg: "", signatureTyped: "李四" }, lines).errors).toEqual({ signatureTyped: "driverApp.form.typedMismatch" });
    const typed = parseDeliverForm({ ...ok, signatureSvg: "", signatureTyped: "王师傅" }, lines);
    expect(typed.payload?.signatureSvg).toBe(typedSignatureSvg("王师傅"));
    expect(isSafeSignatureSvg(typedSignatureSvg("<b>&"))).toBe(true);
  });
  it("round-trips a payload through the form's values (how the server re-checks what the phone sent)", () => {
    const parsed = parseDeliverForm({ ...ok, "received:l1": "8", "note:l1": "破损" }, lines).payload!;
    expect(parseDeliverForm(payloadToValues(parsed), lines).payload).toEqual(parsed);
  });
});

describe("signature SVG", () => {
  it("accepts signature_pad's drawing and refuses anything that could run or load", () => {
    expect(isSafeSignatureSvg(SIG)).toBe(true);
    expect(isSafeSignatureSvg('<svg><script>alert(1)</script><path d="M0 0"/></svg>')).toBe(false);
    expect(isSafeSignatureSvg('<svg onload="x()"><path d="M0 0"/></svg>')).toBe(false);
    expect(isSafeSignatureSvg('<svg><image href="https://evil.example/x.png"/><path d="M0 0"/></svg>')).toBe(false);
    expect(isSafeSignatureSvg('<svg><path style="fill:url(http://x)" d="M0 0"/></svg>')).toBe(false);
    expect(isSafeSignatureSvg("<svg></svg>")).toBe(false);
    expect(isSafeSignatureSvg("hello")).toBe(false);
  });
});
