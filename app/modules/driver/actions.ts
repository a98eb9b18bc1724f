/**
 * The driver app's offline action queue as plain rules, shared by the phone (queue.client.ts) and the
 * server (sync.server.ts). An action is made on the phone with its own uuid and the phone's clock; the
 * phone may send it any number of times, in any batch, after any delay. These rules make that safe:
 *
 *   - an id the server already recorded is a no-op (its first outcome is answered again);
 *   - a stop's actions apply in actedAt order (ties by id), whatever order they arrived in;
 *   - an action for a stop that is no longer on one of the driver's published routes (re-planned, plan
 *     superseded, moved to another van) is "stale", with a message that says so;
 *   - a deliver for a delivered stop is a "duplicate" when it repeats what was recorded, and "refused"
 *     when it would record a second signature or temperature: proof of delivery is written once.
 */

export const ACTION_KINDS = ["arrive", "deliver", "fail"] as const;
export type ActionKind = (typeof ACTION_KINDS)[number];

export const STOP_STATUSES = ["planned", "arrived", "delivered", "failed"] as const;
export type StopStatus = (typeof STOP_STATUSES)[number];

export type Compartment = "ambient" | "chilled" | "frozen";

/** What the receiver accepted of one order line. */
export interface ReceivedLine {
  lineId: string;
  receivedQuantity: number;
  /** Why it differs from what shipped (required then). */
  note: string;
}

/** The proof of delivery. */
export interface DeliverPayload {
  lines: ReceivedLine[];
  /** Probe temperature per cold compartment handed over, °C. */
  temperatures: Partial<Record<"chilled" | "frozen", number>>;
  receiverName: string;
  /** signature_pad's SVG, or the typed-name confirmation's SVG when the page ran without JavaScript. */
  signatureSvg: string;
  /** True when a photo travels with the action (a file part named photo:<id>). */
  hasPhoto: boolean;
  note: string;
}

export interface FailPayload {
  reason: string;
}

export type ActionPayload = Record<string, never> | DeliverPayload | FailPayload;

/** One action as the phone made it. actedAt is an ISO 8601 instant. */
export interface DriverAction {
  id: string;
  stopId: string;
  kind: ActionKind;
  actedAt: string;
  payload: ActionPayload;
  /**
   * The signed-in user who recorded the action on the phone (a phone may be shared between shifts).
   * Absent on actions queued before the queue recorded it: those count as the current user's (see
   * recordedBy), so an upgrade never strands them.
   */
  userId?: string;
}

export type Outcome = "applied" | "duplicate" | "stale" | "refused";

/** Message keys of the outcomes (app/utils/i18n/catalogue/driver-app.ts). */
export type OutcomeMessage =
  | "driverApp.outcome.applied"
  | "driverApp.outcome.replayed"
  | "driverApp.outcome.stale"
  | "driverApp.outcome.staleUnknown"
  | "driverApp.outcome.alreadyArrived"
  | "driverApp.outcome.alreadyDone"
  | "driverApp.outcome.alreadyDelivered"
  | "driverApp.outcome.secondProof"
  | "driverApp.outcome.alreadyFailed"
  | "driverApp.outcome.deliveredNotFailed"
  | "driverApp.outcome.invalid"
  | "driverApp.outcome.otherAccount";

export interface Decision {
  outcome: Outcome;
  message: OutcomeMessage;
}

/** The stop as the server sees it when an action arrives. */
export interface StopState {
  /** On a route of this driver in a published plan. */
  onDriversPublishedRoute: boolean;
  status: StopStatus;
  /** The proof recorded at delivery, to tell a repeat from a second proof. */
  signatureSvg: string;
  temperatures: Partial<Record<"chilled" | "frozen", number>>;
}

/** Whether the action may change the stop, and why not. */
export function decideAction(stop: StopState | null, action: Pick<DriverAction, "kind" | "payload">): Decision {
  if (!stop) return { outcome: "stale", message: "driverApp.outcome.staleUnknown" };
  if (!stop.onDriversPublishedRoute) return { outcome: "stale", message: "driverApp.outcome.stale" };
  switch (action.kind) {
    case "arrive":
      if (stop.status === "planned") return applied();
      return { outcome: "duplicate", message: stop.status === "arrived" ? "driverApp.outcome.alreadyArrived" : "driverApp.outcome.alreadyDone" };
    case "deliver":
      if (stop.status === "delivered") return sameProof(stop, action.payload as DeliverPayload) ? { outcome: "duplicate", message: "driverApp.outcome.alreadyDelivered" } : { outcome: "refused", message: "driverApp.outcome.secondProof" };
      // A failed stop may still be delivered later in the day (the receiver came back).
      return applied();
    case "fail":
      if (stop.status === "delivered") return { outcome: "refused", message: "driverApp.outcome.deliveredNotFailed" };
      if (stop.status === "failed") return { outcome: "duplicate", message: "driverApp.outcome.alreadyFailed" };
      return applied();
    default:
      return { outcome: "refused", message: "driverApp.outcome.invalid" };
  }
}

function applied(): Decision {
  return { outcome: "applied", message: "driverApp.outcome.applied" };
}

/** A deliver that carries the very signature and temperatures already recorded (the same proof sent twice under two ids). */
function sameProof(stop: StopState, payload: DeliverPayload): boolean {
  if ((payload.signatureSvg ?? "") !== stop.signatureSvg) return false;
  const given = payload.temperatures ?? {};
  return (["chilled", "frozen"] as const).every((c) => given[c] === undefined || given[c] === stop.temperatures[c]);
}

/** The status a stop moves to when an applied action of this kind is recorded. */
export function nextStatus(kind: ActionKind): StopStatus {
  return kind === "arrive" ? "arrived" : kind === "deliver" ? "delivered" : "failed";
}

/** Actions in the order they apply: by stop (first appearance), then actedAt, then id; each id once. */
export function replayOrder<A extends Pick<DriverAction, "id" | "stopId" | "actedAt">>(actions: readonly A[]): A[] {
  const unique = mergeQueue([], actions);
  const stopRank = new Map<string, number>();
  for (const a of unique) if (!stopRank.has(a.stopId)) stopRank.set(a.stopId, stopRank.size);
  return [...unique].sort((a, b) => stopRank.get(a.stopId)! - stopRank.get(b.stopId)! || compareActed(a, b));
}

function compareActed(a: Pick<DriverAction, "id" | "actedAt">, b: Pick<DriverAction, "id" | "actedAt">): number {
  const ta = Date.parse(a.actedAt);
  const tb = Date.parse(b.actedAt);
  if (ta !== tb) return ta - tb;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** Adds incoming actions to a queue; an id already queued keeps its first version (a replay adds nothing). */
export function mergeQueue<A extends Pick<DriverAction, "id">>(queue: readonly A[], incoming: readonly A[]): A[] {
  const seen = new Set(queue.map((a) => a.id));
  const merged = [...queue];
  for (const a of incoming) {
    if (seen.has(a.id)) continue;
    seen.add(a.id);
    merged.push(a);
  }
  return merged;
}

/**
 * Answers that record nothing on the server: "invalid" (the payload broke the rules: the phone drops it
 * with a notice) and "otherAccount" (recorded on the phone by another user than the session's: the phone
 * keeps it for that user).
 */
export type Unrecorded = "invalid" | "otherAccount";

/** One action's answer from /driver/sync. */
export interface ActionResult {
  id: string;
  stopId: string;
  outcome: Outcome | Unrecorded;
  message: string;
  /** True when the id had been recorded before (a replay): nothing changed now. */
  replayed: boolean;
  stopStatus: StopStatus | null;
}

/**
 * The queue after a sync: every action the server answered leaves it (whatever its outcome, the server
 * will answer the same again); the rest stay for the next try. An action refused as another account's
 * ("otherAccount") stays too: it was not recorded, and its own user will send it after signing in.
 */
export function settleQueue<A extends Pick<DriverAction, "id">>(queue: readonly A[], results: readonly (Pick<ActionResult, "id"> & { outcome?: ActionResult["outcome"] })[]): A[] {
  const answered = new Set(results.filter((r) => r.outcome !== "otherAccount").map((r) => r.id));
  return queue.filter((a) => !answered.has(a.id));
}

// ------------------------------------------------------------------------------------------------
// Whose actions: a phone shared between drivers

/**
 * True when `userId` (the signed-in user) may send the action: it was recorded by that user, or it
 * carries no user at all. Backwards compatible: an action queued before the queue recorded its user
 * (no userId) counts as the current user's — the one signed in when it is first seen (claimUnowned
 * then pins it to that user).
 */
export function recordedBy(action: Pick<DriverAction, "userId">, userId: string): boolean {
  return action.userId === undefined || action.userId === userId;
}

/** The queue split into the signed-in user's actions (to show and send) and other accounts' (kept, never sent now). */
export function partitionQueue<A extends Pick<DriverAction, "userId">>(queue: readonly A[], userId: string): { mine: A[]; others: A[] } {
  const mine: A[] = [];
  const others: A[] = [];
  for (const a of queue) (recordedBy(a, userId) ? mine : others).push(a);
  return { mine, others };
}

/**
 * Pins actions without a user (queued before this was recorded) to the signed-in user, so that they
 * are not claimed again by whoever signs in next.
 */
export function claimUnowned<A extends Pick<DriverAction, "userId">>(queue: readonly A[], userId: string): A[] {
  return queue.map((a) => (a.userId === undefined ? { ...a, userId } : a));
}

/**
 * The server's check of who recorded an action: null when the session's user may send it (theirs, or
 * no user recorded — the backwards-compatible case above), else the per-action answer that records
 * nothing and tells the phone to keep it.
 */
export function otherAccountResult(action: Pick<DriverAction, "id" | "stopId" | "userId">, sessionUserId: string): ActionResult | null {
  if (recordedBy(action, sessionUserId)) return null;
  return { id: action.id, stopId: action.stopId, outcome: "otherAccount", message: "driverApp.outcome.otherAccount", replayed: false, stopStatus: null };
}

/** The status the phone shows for a stop: the server's, moved on by the actions still waiting to be sent. */
export function localStopStatus(serverStatus: StopStatus, queued: readonly Pick<DriverAction, "id" | "stopId" | "actedAt" | "kind" | "payload">[], stopId: string): StopStatus {
  let status = serverStatus;
  for (const a of replayOrder(queued.filter((q) => q.stopId === stopId))) {
    const d = decideAction({ onDriversPublishedRoute: true, status, signatureSvg: "", temperatures: {} }, a);
    if (d.outcome === "applied") status = nextStatus(a.kind);
  }
  return status;
}

// ------------------------------------------------------------------------------------------------
// Hand-over temperatures

/** Acceptable probe readings per cold compartment, °C (inclusive). */
export const TEMPERATURE_RULES = {
  chilled: { min: 0, max: 8 },
  frozen: { min: -40, max: -15 },
} as const;

export type TemperatureError = "driverApp.temp.required" | "driverApp.temp.notNumber" | "driverApp.temp.chilledRange" | "driverApp.temp.frozenRange";

/** Checks a typed probe reading for a compartment; returns the value in °C or an error key. */
export function checkTemperature(compartment: "chilled" | "frozen", raw: string | number | null | undefined): { value: number } | { error: TemperatureError } {
  const text = typeof raw === "number" ? String(raw) : (raw ?? "").trim().replace(/[−–]/g, "-").replace(/℃|°C?$/i, "").trim();
  if (text === "") return { error: "driverApp.temp.required" };
  if (!/^[-+]?\d{1,2}(\.\d)?$/.test(text)) return { error: "driverApp.temp.notNumber" };
  const value = Number(text);
  const rule = TEMPERATURE_RULES[compartment];
  if (value < rule.min || value > rule.max) return { error: compartment === "chilled" ? "driverApp.temp.chilledRange" : "driverApp.temp.frozenRange" };
  return { value };
}

// ------------------------------------------------------------------------------------------------
// The hand-over form (the same rules with and without JavaScript)

/** A line the stop hands over, as the form shows it. */
export interface HandOverLine {
  lineId: string;
  compartment: Compartment;
  shipped: number;
}

export type DeliverFieldErrors = Record<string, string>;

export const MAX_NOTE_LENGTH = 200;
export const MAX_NAME_LENGTH = 40;
/** signature_pad's SVG of a long signature stays well under this. */
export const MAX_SIGNATURE_BYTES = 200_000;

/** Form field names of a line. */
export const receivedField = (lineId: string) => `received:${lineId}`;
export const noteField = (lineId: string) => `note:${lineId}`;
export const temperatureField = (c: "chilled" | "frozen") => `temperature:${c}`;

/**
 * Reads the hand-over form: packs received per line (whole, 0…shipped; a note when different), a probe
 * reading per cold compartment handed over, the receiver's name and a signature (drawn, or the typed
 * name repeated when the page ran without JavaScript). Field errors are message keys.
 */
export function parseDeliverForm(
  values: Record<string, string>,
  lines: readonly HandOverLine[],
): { payload: Omit<DeliverPayload, "hasPhoto">; errors?: undefined } | { payload?: undefined; errors: DeliverFieldErrors } {
  const errors: DeliverFieldErrors = {};
  const received: ReceivedLine[] = [];
  for (const line of lines) {
    const raw = (values[receivedField(line.lineId)] ?? String(line.shipped)).trim();
    const note = (values[noteField(line.lineId)] ?? "").trim();
    if (!/^\d{1,6}$/.test(raw)) {
      errors[receivedField(line.lineId)] = "driverApp.form.receivedWhole";
      continue;
    }
    const qty = Number(raw);
    if (qty > line.shipped) errors[receivedField(line.lineId)] = "driverApp.form.receivedTooMany";
    else if (qty !== line.shipped && note === "") errors[noteField(line.lineId)] = "driverApp.form.noteRequired";
    else if ([...note].length > MAX_NOTE_LENGTH) errors[noteField(line.lineId)] = "driverApp.form.tooLong";
    received.push({ lineId: line.lineId, receivedQuantity: qty, note: qty === line.shipped ? "" : note });
  }
  const temperatures: DeliverPayload["temperatures"] = {};
  for (const c of ["chilled", "frozen"] as const) {
    if (!lines.some((l) => l.compartment === c)) continue;
    const checked = checkTemperature(c, values[temperatureField(c)]);
    if ("error" in checked) errors[temperatureField(c)] = checked.error;
    else temperatures[c] = checked.value;
  }
  const receiverName = (values.receiverName ?? "").trim();
  if (receiverName === "") errors.receiverName = "driverApp.form.receiverRequired";
  else if ([...receiverName].length > MAX_NAME_LENGTH) errors.receiverName = "driverApp.form.tooLong";
  let signatureSvg = (values.signatureSvg ?? "").trim();
  if (signatureSvg !== "") {
    if (!isSafeSignatureSvg(signatureSvg)) errors.signatureSvg = "driverApp.form.signatureInvalid";
  } else {
    const typed = (values.signatureTyped ?? "").trim();
    if (typed === "") errors.signatureSvg = "driverApp.form.signatureRequired";
    else if (typed !== receiverName) errors.signatureTyped = "driverApp.form.typedMismatch";
    else signatureSvg = typedSignatureSvg(typed);
  }
  const note = (values.note ?? "").trim();
  if ([...note].length > MAX_NOTE_LENGTH) errors.note = "driverApp.form.tooLong";
  if (Object.keys(errors).length > 0) return { errors };
  return { payload: { lines: received, temperatures, receiverName, signatureSvg, note } };
}

/**
 * True for an SVG as signature_pad draws it: one <svg> of paths and circles, nothing that runs or loads
 * (it is shown later as an image, but is kept clean anyway).
 */
export function isSafeSignatureSvg(svg: string): boolean {
  if (svg.length > MAX_SIGNATURE_BYTES) return false;
  if (!/^<svg[\s>][\s\S]*<\/svg>$/.test(svg)) return false;
  if (/<\s*(script|foreignObject|iframe|image|use|a|style|animate|set)\b/i.test(svg)) return false;
  if (/\son\w+\s*=|javascript:|href\s*=|url\s*\(/i.test(svg)) return false;
  return /<(path|circle|text)\b/i.test(svg);
}

/** The SVG recorded when the receiver confirmed by typing their name (no JavaScript: no drawing). */
export function typedSignatureSvg(name: string): string {
  const escaped = name.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 300 80" data-typed="true"><text x="10" y="50" font-size="28" font-family="sans-serif">${escaped}</text></svg>`;
}

/** A v4 uuid on any page: crypto.randomUUID needs a secure context, a plain-HTTP intranet is not one. */
export function newActionId(random: (bytes: Uint8Array) => Uint8Array = (b) => crypto.getRandomValues(b)): string {
  const b = random(new Uint8Array(16));
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const hex = [...b].map((x) => x.toString(16).padStart(2, "0")).join("");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** A deliver payload as the hand-over form's values, so the server checks it with the form's own rules. */
export function payloadToValues(payload: Pick<DeliverPayload, "lines" | "temperatures" | "receiverName" | "signatureSvg" | "note">): Record<string, string> {
  const values: Record<string, string> = { receiverName: payload.receiverName, signatureSvg: payload.signatureSvg, note: payload.note ?? "" };
  for (const l of payload.lines) {
    values[receivedField(l.lineId)] = String(l.receivedQuantity);
    values[noteField(l.lineId)] = l.note ?? "";
  }
  for (const c of ["chilled", "frozen"] as const) if (payload.temperatures?.[c] !== undefined) values[temperatureField(c)] = String(payload.temperatures[c]);
  return values;
}
