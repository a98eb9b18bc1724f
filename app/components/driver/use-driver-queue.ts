import { useRevalidator } from "@remix-run/react";
import { useCallback, useEffect, useRef, useState } from "react";
import type { DriverAction } from "~/modules/driver/actions";
import { claimUnownedActions, dismissNotice, enqueue, notices as readNotices, pendingActions, subscribe, syncNow, type Notice, type SyncStatus } from "~/modules/driver/queue.client";

/** How often a page with unsent actions tries again while online. */
const RETRY_MS = 30_000;

export interface DriverQueue {
  /** False until the queue was read in the browser (and always false without JavaScript). */
  ready: boolean;
  /** The signed-in user's unsent actions. */
  pending: DriverAction[];
  /** Unsent actions another account recorded on this phone: kept, sent when that account signs in. */
  otherAccounts: number;
  notices: Notice[];
  status: SyncStatus;
  sync: () => Promise<void>;
  /** Saves an action on the phone, then tries to send it; resolves once saved. */
  record: (action: DriverAction, photo?: Blob) => Promise<void>;
  dismiss: (id: string) => Promise<void>;
}

/**
 * The phone's queue for a driver page: read on load, synced on load, on `online`, every 30 s while
 * something is waiting, and by the button; the page's data is reloaded when the server took an action.
 * Also registers the driver app's service worker and asks it to keep `offlinePages` (the stop pages)
 * for offline use. `userId` is the signed-in user (from the page's loader): actions are recorded as
 * theirs, and only theirs are shown and sent.
 */
export function useDriverQueue(userId: string, offlinePages: readonly string[] = []): DriverQueue {
  const revalidator = useRevalidator();
  const revalidate = useRef(revalidator.revalidate);
  revalidate.current = revalidator.revalidate;
  const [ready, setReady] = useState(false);
  const [pending, setPending] = useState<DriverAction[]>([]);
  const [otherAccounts, setOtherAccounts] = useState(0);
  const [notices, setNotices] = useState<Notice[]>([]);
  const [status, setStatus] = useState<SyncStatus>("idle");

  const refresh = useCallback(async () => {
    const [queue, shown] = await Promise.all([pendingActions(userId), readNotices(userId)]);
    setPending(queue.mine.map(({ photo: _photo, ...a }) => a));
    setOtherAccounts(queue.otherAccounts);
    setNotices(shown);
    setReady(true);
  }, [userId]);

  const sync = useCallback(async () => {
    setStatus("syncing");
    const report = await syncNow(userId);
    setStatus(report.status === "syncing" ? "idle" : report.status);
    await refresh();
    if (report.results.length > 0) revalidate.current();
  }, [refresh, userId]);

  const warmKey = offlinePages.join(" ");
  useEffect(() => {
    registerServiceWorker(warmKey ? warmKey.split(" ") : []);
  }, [warmKey]);

  useEffect(() => {
    const unsubscribe = subscribe(() => void refresh());
    const online = () => void sync();
    const offline = () => setStatus("offline");
    window.addEventListener("online", online);
    window.addEventListener("offline", offline);
    void claimUnownedActions(userId)
      .catch(() => undefined)
      .then(refresh)
      .then(sync);
    return () => {
      unsubscribe();
      window.removeEventListener("online", online);
      window.removeEventListener("offline", offline);
    };
  }, [refresh, sync, userId]);

  useEffect(() => {
    if (pending.length === 0) return;
    const timer = window.setInterval(() => {
      if (navigator.onLine) void sync();
    }, RETRY_MS);
    return () => window.clearInterval(timer);
  }, [pending.length, sync]);

  const record = useCallback(
    async (action: DriverAction, photo?: Blob) => {
      await enqueue(action, userId, photo);
      await refresh();
      if (navigator.onLine) void sync();
      else setStatus("offline");
    },
    [refresh, sync, userId],
  );

  const dismiss = useCallback(
    async (id: string) => {
      await dismissNotice(id);
      await refresh();
    },
    [refresh],
  );

  return { ready, pending, otherAccounts, notices, status, sync, record, dismiss };
}

function registerServiceWorker(pages: string[]): void {
  if (!("serviceWorker" in navigator)) return;
  // Scoped to the driver pages only: the rest of the site keeps plain network behaviour.
  navigator.serviceWorker
    .register("/driver-sw.js", { scope: "/driver" })
    .then(() => navigator.serviceWorker.ready)
    .then((registration) => {
      if (pages.length > 0) registration.active?.postMessage({ type: "warm", urls: pages });
    })
    .catch(() => undefined);
}
