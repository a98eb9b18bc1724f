import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { ActionResult, DriverAction } from "./actions";

// The phone's IndexedDB as a map (idb-keyval's get/update on one store).
const idb = vi.hoisted(() => new Map<string, unknown>());
vi.mock("idb-keyval", () => ({
  createStore: () => "store",
  get: async (key: string) => idb.get(key),
  update: async (key: string, fn: (old: unknown) => unknown) => void idb.set(key, fn(idb.get(key))),
}));

const { claimUnownedActions, enqueue, notices, pendingActions, syncNow } = await import("./queue.client");

const A = "0a0a0a0a-0000-4000-8000-00000000000a";
const B = "0b0b0b0b-0000-4000-8000-00000000000b";
const act = (id: string, over: Partial<DriverAction> = {}): DriverAction => ({ id, stopId: `stop-${id}`, kind: "arrive", actedAt: "2026-12-03T01:00:00.000Z", payload: {}, ...over });

/** The batch the phone posted, and a server answering each action (another user's as "otherAccount", like sync.server.ts). */
function server(sessionUserId: string) {
  const sent: DriverAction[][] = [];
  const fetch = vi.fn(async (_url: string, init: { body: FormData }) => {
    const batch = JSON.parse(String(init.body.get("batch"))) as { actions: DriverAction[] };
    sent.push(batch.actions);
    const results: ActionResult[] = batch.actions.map((a) =>
      a.userId !== undefined && a.userId !== sessionUserId
        ? { id: a.id, stopId: a.stopId, outcome: "otherAccount", message: "driverApp.outcome.otherAccount", replayed: false, stopStatus: null }
        : { id: a.id, stopId: a.stopId, outcome: "applied", message: "driverApp.outcome.applied", replayed: false, stopStatus: "arrived" },
    );
    return new Response(JSON.stringify({ results }), { status: 200, headers: { "Content-Type": "application/json" } });
  });
  vi.stubGlobal("fetch", fetch);
  return { sent, fetch };
}

beforeEach(() => {
  idb.clear();
  vi.stubGlobal("navigator", { onLine: true });
});
afterEach(() => vi.unstubAllGlobals());

describe("the phone's queue on a shared phone", () => {
  it("records the signed-in user on each action and shows each user only their own", async () => {
    await enqueue(act("a1"), A);
    await enqueue(act("b1"), B);
    const forA = await pendingActions(A);
    expect(forA.mine.map((a) => [a.id, a.userId])).toEqual([["a1", A]]);
    expect(forA.otherAccounts).toBe(1);
    expect((await pendingActions(B)).mine.map((a) => a.id)).toEqual(["b1"]);
  });

  it("sends only the signed-in user's actions and keeps another account's untouched", async () => {
    await enqueue(act("a1"), A);
    await enqueue(act("a2"), A);
    await enqueue(act("b1"), B);
    const { sent } = server(B);
    const report = await syncNow(B);
    expect(sent.map((batch) => batch.map((a) => a.id))).toEqual([["b1"]]);
    expect(report.status).toBe("idle");
    expect(await pendingActions(B)).toEqual({ mine: [], otherAccounts: 2 });
    // A signs in again: their actions go, under their own session.
    server(A);
    await syncNow(A);
    expect(await pendingActions(A)).toEqual({ mine: [], otherAccounts: 0 });
  });

  it("keeps an action the server refused as another account's, without a notice", async () => {
    // The page still believed A was signed in, the session was B's.
    await enqueue(act("a1"), A);
    const { sent } = server(B);
    const report = await syncNow(A);
    expect(sent).toHaveLength(1);
    expect(report.results.map((r) => r.outcome)).toEqual(["otherAccount"]);
    expect((await pendingActions(A)).mine.map((a) => a.id)).toEqual(["a1"]);
    expect(await notices(A)).toEqual([]);
  });

  it("takes actions queued before the user was recorded as the current user's and pins them to that user", async () => {
    idb.set("actions", [act("old")]);
    expect((await pendingActions(B)).mine.map((a) => a.id)).toEqual(["old"]);
    await claimUnownedActions(A);
    expect((await pendingActions(A)).mine.map((a) => [a.id, a.userId])).toEqual([["old", A]]);
    expect(await pendingActions(B)).toEqual({ mine: [], otherAccounts: 1 });
    const { sent } = server(A);
    await syncNow(A);
    expect(sent[0].map((a) => [a.id, a.userId])).toEqual([["old", A]]);
    expect(await pendingActions(A)).toEqual({ mine: [], otherAccounts: 0 });
  });

  it("sends nothing when only another account's actions wait", async () => {
    await enqueue(act("a1"), A);
    const { fetch } = server(B);
    expect(await syncNow(B)).toEqual({ status: "idle", results: [] });
    expect(fetch).not.toHaveBeenCalled();
  });

  it("maps a malformed action of the batch to the sent action, not to another account's", async () => {
    await enqueue(act("b1"), B);
    await enqueue(act("a1"), A);
    await enqueue(act("a2"), A);
    vi.stubGlobal(
      "fetch",
      vi.fn(async () => new Response(JSON.stringify({ error: { code: "invalid_request", fields: { "actions.1.payload.reason": "driverApp.form.reasonRequired" } } }), { status: 400 })),
    );
    const report = await syncNow(A);
    expect(report.results.map((r) => [r.id, r.outcome])).toEqual([["a2", "invalid"]]);
    expect((await pendingActions(A)).mine.map((a) => a.id)).toEqual(["a1"]);
    expect((await pendingActions(B)).mine.map((a) => a.id)).toEqual(["b1"]);
    // The notice of what was dropped is A's to read, not B's.
    expect((await notices(A)).map((n) => n.id)).toEqual(["a2"]);
    expect(await notices(B)).toEqual([]);
  });
});
