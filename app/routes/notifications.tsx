import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { FormAlert } from "~/components/ui/field";
import { PageHeader } from "~/components/ui/page-header";
import { Pagination } from "~/components/ui/pagination";
import { notFound, requirePermission } from "~/modules/auth/request.server";
import { listNotifications, markAllNotificationsRead, markNotificationRead, type NotificationItem } from "~/modules/notifications/centre.server";
import { renderNotification } from "~/modules/notifications/render";
import { prisma } from "~/utils/db.server";
import { formValues } from "~/utils/forms";
import { formatDateTime } from "~/utils/i18n/format";
import { resolveLocale } from "~/utils/i18n/locale.server";
import type { MessageKey } from "~/utils/i18n/messages";
import { translator } from "~/utils/i18n/translate";
import { useLocale, useT } from "~/utils/i18n/use-t";
import { isUuid, parsePage } from "~/utils/pagination";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "通知" }];

/** The signed-in user's notifications, newest first, a page at a time. */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "read:notifications:own");
  const url = new URL(request.url);
  const list = await listNotifications(await prisma(), user.id, { page: parsePage(url.searchParams.get("page")) });
  const marked = url.searchParams.get("marked");
  const t = translator(await resolveLocale(request, user.locale));
  return { list, marked: marked === "one" || marked === "all" ? marked : null, title: `${t("notifications.title")} · ${t("app.name")}` };
}

const actionSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("read"), id: z.string().refine((v) => isUuid(v)), page: z.string().optional() }),
  z.object({ intent: z.literal("all"), page: z.string().optional() }),
]);

type ActionData = { error: MessageKey };

/** Marks one notification (intent=read, id) or all of them (intent=all) read, then back to the page (POST-redirect-GET). */
export async function action({ request }: ActionFunctionArgs) {
  const user = await requirePermission(request, "read:notifications:own");
  const parsed = actionSchema.safeParse(formValues(await request.formData()));
  if (!parsed.success) return data<ActionData>({ error: "notifications.error.badRequest" }, { status: 400 });
  const db = await prisma();
  const page = parsePage(parsed.data.page);
  const back = (marked: "one" | "all") => `/notifications?${page > 1 ? `page=${page}&` : ""}marked=${marked}`;
  if (parsed.data.intent === "all") {
    await markAllNotificationsRead(db, user.id);
    throw redirect(back("all"));
  }
  // Someone else's notification is indistinguishable from a missing one.
  if ((await markNotificationRead(db, user.id, parsed.data.id)) === "not_found") notFound();
  throw redirect(back("one"));
}

export default function NotificationsPage() {
  const { list, marked } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT();
  const navigation = useNavigation();
  const busy = navigation.state === "submitting";
  return (
    <div className="mx-auto max-w-3xl">
      <PageHeader title={t("notifications.title")} subtitle={t("notifications.intro")}>
        {list.unread > 0 ? (
          <Form method="post">
            <input type="hidden" name="intent" value="all" />
            <input type="hidden" name="page" value={list.page} />
            <button type="submit" className="btn-secondary" disabled={busy}>
              {t("notifications.markAllRead")}
            </button>
          </Form>
        ) : null}
      </PageHeader>
      {actionData?.error ? (
        <div className="mb-4">
          <FormAlert>{t(actionData.error)}</FormAlert>
        </div>
      ) : null}
      {marked ? (
        <p role="status" className="mb-4 rounded-lg border border-brand-200 bg-brand-50 px-4 py-3 text-sm font-medium text-brand-800">
          {t(marked === "all" ? "notifications.markedAll" : "notifications.markedOne")}
        </p>
      ) : null}
      <p className="mb-3 text-sm text-stone-600">{list.unread > 0 ? t("notifications.unreadSummary", { count: list.unread }) : t("notifications.allRead")}</p>
      {list.items.length === 0 ? (
        <p className="card p-6 text-center text-stone-600">{t("notifications.empty")}</p>
      ) : (
        <ul className="space-y-3">
          {list.items.map((item) => (
            <NotificationRow key={item.id} item={item} page={list.page} busy={busy} />
          ))}
        </ul>
      )}
      <Pagination page={list.page} pages={list.pages} t={t} />
    </div>
  );
}

type Item = Omit<NotificationItem, "readAt" | "createdAt"> & { readAt: string | Date | null; createdAt: string | Date };

function NotificationRow({ item, page, busy }: { item: Item; page: number; busy: boolean }) {
  const t = useT();
  const locale = useLocale();
  const { title, body, href } = renderNotification(item.kind, item.params, locale);
  const unread = item.readAt === null;
  const headingId = `notification-${item.id}`;
  return (
    <li className={`card p-4 ${unread ? "border-brand-300 bg-brand-50" : ""}`} aria-labelledby={headingId}>
      <div className="flex flex-wrap items-start justify-between gap-2">
        <h2 id={headingId} className={`min-w-0 ${unread ? "font-semibold" : "font-medium text-stone-700"}`}>
          {unread ? <span className="mr-2 inline-flex items-center rounded-md bg-brand-700 px-2 py-0.5 align-middle text-xs font-semibold text-white">{t("notifications.unreadBadge")}</span> : null}
          <Link to={href} className="hover:text-brand-700 hover:underline">
            {title}
          </Link>
        </h2>
        <time dateTime={new Date(item.createdAt).toISOString()} className="shrink-0 text-sm text-stone-500">
          {formatDateTime(item.createdAt, locale)}
        </time>
      </div>
      <p className="mt-1 text-stone-700">{body}</p>
      <div className="mt-2 flex flex-wrap items-center gap-x-4">
        <Link to={href} className="inline-flex min-h-11 items-center text-sm font-medium text-brand-700">
          {t("notifications.openOrder")} →
        </Link>
        {unread ? (
          <Form method="post">
            <input type="hidden" name="intent" value="read" />
            <input type="hidden" name="id" value={item.id} />
            <input type="hidden" name="page" value={page} />
            <button type="submit" className="min-h-11 text-sm text-stone-600 underline underline-offset-4 hover:text-stone-900" disabled={busy} aria-label={t("notifications.markReadOf", { title })}>
              {t("notifications.markRead")}
            </button>
          </Form>
        ) : null}
      </div>
    </li>
  );
}
