import { describe, expect, it } from "vitest";
import { parseBatch } from "./schemas";

const id = "3f0c7d6e-1b2a-4c3d-8e4f-5a6b7c8d9e0f";
const stopId = "0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d";

describe("parseBatch", () => {
  it("reads actions with payloads per kind", () => {
    const r = parseBatch({ actions: [{ id, stopId, kind: "fail", actedAt: "2026-12-03T09:30:00+08:00", payload: { reason: " 无人收货 " } }] });
    expect(r).toEqual({ ok: true, actions: [{ id, stopId, kind: "fail", actedAt: "2026-12-03T01:30:00.000Z", payload: { reason: "无人收货" } }] });
  });
  it("keeps the user who recorded the action when the phone says, and reads an action without one", () => {
    const userId = "9d8c7b6a-5f4e-4d3c-8b2a-1f0e9d8c7b6a";
    const r = parseBatch({ actions: [{ id, stopId, kind: "arrive", actedAt: "2026-12-03T01:00:00Z", userId }, { id: stopId, stopId, kind: "arrive", actedAt: "2026-12-03T01:00:00Z" }] });
    expect(r.ok && r.actions.map((a) => a.userId)).toEqual([userId, undefined]);
    expect(r.ok && "userId" in r.actions[1]).toBe(false);
    // Any recorded user is read (a mismatch is answered per action, not by dropping the batch).
    expect(parseBatch({ actions: [{ id, stopId, kind: "arrive", actedAt: "2026-12-03T01:00:00Z", userId: "legacy-7" }] }).ok).toBe(true);
    expect(parseBatch({ actions: [{ id, stopId, kind: "arrive", actedAt: "2026-12-03T01:00:00Z", userId: "" }] })).toMatchObject({ ok: false, fields: { "actions.0.userId": expect.any(String) } });
  });
  it("names the broken fields instead of failing", () => {
    expect(parseBatch(null)).toMatchObject({ ok: false });
    expect(parseBatch({ actions: [] })).toMatchObject({ ok: false, fields: { actions: expect.any(String) } });
    const r = parseBatch({ actions: [{ id: "x", stopId, kind: "teleport", actedAt: "yesterday" }] });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(Object.keys(r.fields).sort()).toEqual(["actions.0.actedAt", "actions.0.id", "actions.0.kind"]);
    const p = parseBatch({ actions: [{ id, stopId, kind: "deliver", actedAt: "2026-12-03T01:00:00Z", payload: { lines: [{ lineId: id, receivedQuantity: -1 }] } }] });
    expect(p.ok).toBe(false);
    if (!p.ok) expect(Object.keys(p.fields)).toEqual(expect.arrayContaining(["actions.0.payload.lines.0.receivedQuantity", "actions.0.payload.receiverName"]));
  });
});
