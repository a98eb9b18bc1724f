/**
 * The phone's action queue in IndexedDB (idb-keyval): an action is saved here first, then sent to
 * /driver/sync — right away when online, on the `online` event, on page load and by the button. What the
 * server answered leaves the queue (actions.ts settleQueue); what it could not take (stale, refused) is
 * kept as a notice for the driver to read. Browser only (a .client module is empty on the server).
 *
 * A phone may be shared between drivers: each action records the user who was signed in when it was
 * made, a sync sends only the signed-in user's actions, and another account's stay on the phone (never
 * deleted, never sent under this session) until that account signs in again. Actions queued before the
 * user was recorded count as the current user's (actions.ts recordedBy) and are pinned to them.
 */
import { createStore, get, update, type UseStore } from "idb-keyval";
import { claimUnowned, mergeQueue, partitionQueue, settleQueue, type ActionResult, type DriverAction } from "./actions";

/** An action waiting to be sent, with its photo when one was taken. */
export interface QueuedAction extends DriverAction {
  photo?: Blob;
}

/** An answer the driver should see: the action was not recorded as sent. */
export interface Notice {
  id: string;
  stopId: string;
  outcome: string;
  message: string;
  /** The user whose sync got the answer; notices from before this was recorded are shown to anyone. */
  userId?: string;
}

export type SyncStatus = "idle" | "syncing" | "offline" | "failed" | "signIn";

const ACTIONS = "actions";
const NOTICES = "notices";
const CHANNEL = "huming-driver-queue";
const MAX_NOTICES = 10;

let store: UseStore | undefined;
// Opened on first use: creating the store opens the database, which must not happen while rendering on the server.
const db = () => (store ??= createStore("huming-driver", "queue"));

const listeners = new Set<() => void>();
let channel: BroadcastChannel | undefined;

function emit(): void {
  for (const l of listeners) l();
  channel?.postMessage("changed");
}

/** Calls `listener` whenever the queue changes (in this tab or another). Returns the unsubscribe. */
export function subscribe(listener: () => void): () => void {
  if (!channel && typeof BroadcastChannel !== "undefined") {
    channel = new BroadcastChannel(CHANNEL);
    channel.onmessage = () => listeners.forEach((l) => l());
  }
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Saves an action recorded by `userId`, the signed-in user (a second save of the same id changes nothing). */
export async function enqueue(action: DriverAction, userId: string, photo?: Blob): Promise<void> {
  const queued: QueuedAction = { ...action, userId, ...(photo ? { photo } : {}) };
  await update<QueuedAction[]>(ACTIONS, (queue = []) => mergeQueue(queue, [queued]), db());
  emit();
}

async function allActions(): Promise<QueuedAction[]> {
  return (await get<QueuedAction[]>(ACTIONS, db())) ?? [];
}

/** The signed-in user's actions not sent yet (oldest first), and how many other accounts left on this phone. */
export async function pendingActions(userId: string): Promise<{ mine: QueuedAction[]; otherAccounts: number }> {
  const { mine, others } = partitionQueue(await allActions(), userId);
  return { mine, otherAccounts: others.length };
}

/**
 * Pins the actions queued before the user was recorded to the signed-in user (backwards compatible:
 * they are taken as theirs), so the next account to sign in does not send them too. Writes only when
 * there is such an action.
 */
export async function claimUnownedActions(userId: string): Promise<void> {
  if (!(await allActions()).some((a) => a.userId === undefined)) return;
  await update<QueuedAction[]>(ACTIONS, (queue = []) => claimUnowned(queue, userId), db());
  emit();
}

/** What the server could not take of the signed-in user's actions, newest first. */
export async function notices(userId: string): Promise<Notice[]> {
  return ((await get<Notice[]>(NOTICES, db())) ?? []).filter((n) => n.userId === undefined || n.userId === userId);
}

/** Forgets a notice once read. */
export async function dismissNotice(id: string): Promise<void> {
  await update<Notice[]>(NOTICES, (n = []) => n.filter((x) => x.id !== id), db());
  emit();
}

export interface SyncReport {
  status: SyncStatus;
  results: ActionResult[];
}

let running: { userId: string; report: Promise<SyncReport> } | null = null;

/**
 * Sends the signed-in user's queued actions in one batch (another account's stay on the phone); one
 * sync at a time per tab.
 */
export function syncNow(userId: string): Promise<SyncReport> {
  if (running?.userId === userId) return running.report;
  const before = running?.report.catch(() => undefined) ?? Promise.resolve();
  const report = before
    .then(() => send(userId))
    .finally(() => {
      if (running?.report === report) running = null;
    });
  running = { userId, report };
  return report;
}

async function send(userId: string): Promise<SyncReport> {
  const { mine: queue } = await pendingActions(userId);
  if (queue.length === 0) return { status: "idle", results: [] };
  if (typeof navigator !== "undefined" && navigator.onLine === false) return { status: "offline", results: [] };
  const form = new FormData();
  // Each action carries the user who recorded it (or none, from before): the server refuses another's.
  form.set("batch", JSON.stringify({ actions: queue.map(({ photo: _photo, ...a }) => a) }));
  for (const a of queue) if (a.photo) form.append(`photo:${a.id}`, a.photo, `${a.id}.jpg`);
  let res: Response;
  try {
    res = await fetch("/driver/sync", { method: "POST", body: form, credentials: "same-origin", headers: { Accept: "application/json" } });
  } catch {
    return { status: navigator.onLine === false ? "offline" : "failed", results: [] };
  }
  if (res.redirected && new URL(res.url).pathname === "/login") return { status: "signIn", results: [] };
  const body = (await res.json().catch(() => null)) as { results?: ActionResult[]; error?: { fields?: Record<string, string> } } | null;
  if (res.status === 400 && body?.error?.fields) {
    // Actions the server cannot read would block the queue for ever: drop them, with a notice each.
    const bad = new Set(Object.keys(body.error.fields).map((k) => /^actions\.(\d+)\./.exec(k)?.[1]).filter((i): i is string => i !== undefined).map((i) => queue[Number(i)]?.id));
    const results: ActionResult[] = queue.filter((a) => bad.has(a.id)).map((a) => ({ id: a.id, stopId: a.stopId, outcome: "invalid", message: "driverApp.outcome.invalid", replayed: false, stopStatus: null }));
    await settle(results, userId);
    return { status: results.length > 0 ? "idle" : "failed", results };
  }
  if (!res.ok || !body?.results) return { status: res.status === 401 || res.status === 403 ? "signIn" : "failed", results: [] };
  await settle(body.results, userId);
  return { status: "idle", results: body.results };
}

/** Drops the answered actions (but keeps those refused as another account's: settleQueue) and keeps the notices. */
async function settle(results: readonly ActionResult[], userId: string): Promise<void> {
  await update<QueuedAction[]>(ACTIONS, (queue = []) => settleQueue(queue, results), db());
  const shown = results.filter((r) => r.outcome === "stale" || r.outcome === "refused" || r.outcome === "invalid");
  if (shown.length > 0)
    await update<Notice[]>(NOTICES, (n = []) => [...shown.map((r) => ({ id: r.id, stopId: r.stopId, outcome: r.outcome, message: r.message, userId })), ...n].slice(0, MAX_NOTICES), db());
  emit();
}
