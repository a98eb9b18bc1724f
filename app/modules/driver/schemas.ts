/**
 * The shape of a sync batch as /driver/sync accepts it (the rules of what an action may do live in
 * actions.ts). Kept apart from actions.ts so the phone's bundle does not carry zod.
 */
import { z } from "zod";
import { ACTION_KINDS, MAX_NAME_LENGTH, MAX_NOTE_LENGTH, MAX_SIGNATURE_BYTES, type DriverAction } from "./actions";

/** Most actions one request may carry (a day's stops, several times over). */
export const MAX_BATCH = 100;

const uuid = z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, "driverApp.sync.badId");

const deliverPayload = z.object({
  lines: z
    .array(z.object({ lineId: uuid, receivedQuantity: z.number().int().min(0).max(999_999), note: z.string().max(MAX_NOTE_LENGTH).default("") }))
    .max(500),
  temperatures: z.object({ chilled: z.number().min(-40).max(60).optional(), frozen: z.number().min(-40).max(60).optional() }).default({}),
  receiverName: z.string().max(MAX_NAME_LENGTH),
  signatureSvg: z.string().max(MAX_SIGNATURE_BYTES),
  hasPhoto: z.boolean().default(false),
  note: z.string().max(MAX_NOTE_LENGTH).default(""),
});

const failPayload = z.object({ reason: z.string().trim().min(1, "driverApp.form.reasonRequired").max(MAX_NOTE_LENGTH) });

const action = z.object({
  id: uuid,
  stopId: uuid,
  kind: z.enum(ACTION_KINDS),
  actedAt: z.iso.datetime({ offset: true }),
  payload: z.unknown().optional(),
  // Who recorded it on the phone; absent on actions queued before this was recorded. Any short string
  // is read (not only a uuid): a mismatch is answered per action and kept on the phone, whereas a
  // malformed field would make the phone drop the action.
  userId: z.string().min(1).max(100).optional(),
});

export const batchSchema = z.object({ actions: z.array(action).min(1).max(MAX_BATCH) });

export type BatchParse = { ok: true; actions: DriverAction[] } | { ok: false; fields: Record<string, string> };

/** Parses a batch, each action's payload by its kind; field paths are "actions.2.payload.receiverName". */
export function parseBatch(input: unknown): BatchParse {
  const base = batchSchema.safeParse(input);
  if (!base.success) return { ok: false, fields: issuesToFields(base.error.issues) };
  const fields: Record<string, string> = {};
  const actions: DriverAction[] = [];
  base.data.actions.forEach((a, i) => {
    const schema = a.kind === "deliver" ? deliverPayload : a.kind === "fail" ? failPayload : z.object({}).default({});
    const payload = schema.safeParse(a.payload ?? {});
    if (!payload.success) Object.assign(fields, issuesToFields(payload.error.issues, ["actions", i, "payload"]));
    else actions.push({ id: a.id, stopId: a.stopId, kind: a.kind, actedAt: new Date(a.actedAt).toISOString(), payload: payload.data as DriverAction["payload"], ...(a.userId !== undefined ? { userId: a.userId } : {}) });
  });
  return Object.keys(fields).length > 0 ? { ok: false, fields } : { ok: true, actions };
}

function issuesToFields(issues: readonly z.core.$ZodIssue[], prefix: (string | number)[] = []): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const issue of issues) {
    const path = [...prefix, ...issue.path.map(String)].join(".") || "_batch";
    fields[path] ??= issue.message.startsWith("driverApp.") ? issue.message : "driverApp.sync.badField";
  }
  return fields;
}
