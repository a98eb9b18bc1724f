import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { requirePermission } from "~/modules/auth/request.server";
import { maxUploadBytes } from "~/modules/images/plan";
import { driverActor, readDriverBody } from "~/modules/driver/request.server";
import { parseBatch } from "~/modules/driver/schemas";
import { applyDriverActions } from "~/modules/driver/sync.server";
import { getStorage } from "~/modules/storage/index.server";
import { prisma } from "~/utils/db.server";
import { env } from "~/utils/env.server";
import { resolveLocale } from "~/utils/i18n/locale.server";
import { translator } from "~/utils/i18n/translate";

/** The sync endpoint takes POSTs only. */
export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "deliver:delivery:own");
  throw data({ error: { code: "method_not_allowed" } }, { status: 405, headers: { Allow: "POST" } });
}

/**
 * The phone's queued actions: a multipart form (`batch` = {"actions": [...]} as JSON, photos as
 * `photo:<action id>`) or a JSON body. Answers {results: [{id, stopId, outcome, message, replayed,
 * stopStatus, fields?}]} in replay order; a malformed batch is 400 {error: {code, message, fields}}.
 * An action whose recorded userId is not the session's user (another driver's, on a shared phone) is
 * answered per action with outcome "otherAccount" and nothing recorded; the phone keeps it.
 */
export async function action({ request }: ActionFunctionArgs) {
  const user = await requirePermission(request, "deliver:delivery:own");
  const t = translator(await resolveLocale(request, user.locale));
  const maxBytes = maxUploadBytes(env().MAX_UPLOAD_MB);
  const body = await readDriverBody(request, { maxFileBytes: maxBytes });
  if (body.kind === "tooLarge") return data({ error: { code: "payload_too_large", message: t("error.413.body"), fields: {} } }, { status: 413 });
  const raw = body.kind === "ok" ? (body.json !== undefined ? body.json : parseJson(body.fields.batch)) : undefined;
  const parsed = raw === undefined ? { ok: false as const, fields: { batch: "driverApp.sync.badRequest" } } : parseBatch(raw);
  if (!parsed.ok) {
    const fields = Object.fromEntries(Object.entries(parsed.fields).map(([k, v]) => [k, v.startsWith("driverApp.") ? t(v as "driverApp.sync.badField") : v]));
    return data({ error: { code: "invalid_request", message: t("driverApp.sync.badRequest"), fields } }, { status: 400, headers: { "Cache-Control": "no-store" } });
  }
  const photos = new Map<string, Buffer>();
  if (body.kind === "ok") for (const [name, buffer] of body.files) if (name.startsWith("photo:")) photos.set(name.slice("photo:".length), buffer);
  const results = await applyDriverActions(await prisma(), driverActor(user), parsed.actions, photos, { storage: getStorage(), maxPhotoBytes: maxBytes });
  return data({ results }, { headers: { "Cache-Control": "no-store" } });
}

function parseJson(text: string | undefined): unknown {
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
