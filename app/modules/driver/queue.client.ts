/**
 * The phone's action queue in IndexedDB (idb-keyval): an action is saved here first, then sent to
 * /driver/sync — right away when online, on the `online` event, on page load and by the button. What the
 * server answered leaves the queue (actions.ts settleQueue); what it could not take (stale, refused) is
 * kept as a notice for the driver to read. Browser only (a .client module is empty on the server).
 */
import { createStore, get, update, type UseStore } from "idb-keyval";
import { mergeQueue, settleQueue, type ActionResult, type DriverAction } from "./actions";

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

/** Saves an action (a second save of the same id changes nothing). */
export async function enqueue(action: DriverAction, photo?: Blob): Promise<void> {
  await update<QueuedAction[]>(ACTIONS, (queue = []) => mergeQueue(queue, [photo ? { ...action, photo } : action]), db());
  emit();
}

/** The actions not sent yet, oldest first. */
export async function pendingActions(): Promise<QueuedAction[]> {
  return (await get<QueuedAction[]>(ACTIONS, db())) ?? [];
}

/** What the server could not take, newest first. */
export async function notices(): Promise<Notice[]> {
  return (await get<Notice[]>(NOTICES, db())) ?? [];
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

let running: Promise<SyncReport> | null = null;

/** Sends everything queued in one batch; one sync at a time per tab. */
export function syncNow(): Promise<SyncReport> {
  running ??= send().finally(() => {
    running = null;
  });
  return running;
}

async function send(): Promise<SyncReport> {
  const queue = await pendingActions();
  if (queue.length === 0) return { status: "idle", results: [] };
  if (typeof navigator !== "undefined" && navigator.onLine === false) return { status: "offline", results: [] };
  const form = new FormData();
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
    await settle(results);
    return { status: results.length > 0 ? "idle" : "failed", results };
  }
  if (!res.ok || !body?.results) return { status: res.status === 401 || res.status === 403 ? "signIn" : "failed", results: [] };
  await settle(body.results);
  return { status: "idle", results: body.results };
}

async function settle(results: readonly ActionResult[]): Promise<void> {
  await update<QueuedAction[]>(ACTIONS, (queue = []) => settleQueue(queue, results), db());
  const shown = results.filter((r) => r.outcome === "stale" || r.outcome === "refused" || r.outcome === "invalid");
  if (shown.length > 0)
    await update<Notice[]>(NOTICES, (n = []) => [...shown.map((r) => ({ id: r.id, stopId: r.stopId, outcome: r.outcome, message: r.message })), ...n].slice(0, MAX_NOTICES), db());
  emit();
}
