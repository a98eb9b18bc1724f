/** The order's timeline: each transition with who (name and role), when (Beijing time), which seller and why. */
import type { OrderDetailEvent } from "~/modules/orders/detail.server";
import { formatDateTime } from "~/utils/i18n/format";
import type { Locale } from "~/utils/i18n/locale";
import type { MessageKey } from "~/utils/i18n/messages";
import { orgName, placeName } from "~/utils/i18n/names";
import type { T } from "~/utils/i18n/translate";
import { beijingClock, beijingMonthDay, trunkEventFacts, type TrunkEventFacts } from "~/modules/trunk/trunk-event";

export type TimelineEvent = Pick<OrderDetailEvent, "id" | "event" | "sellerName" | "sellerNameEn" | "actorName" | "actorRole" | "reason"> & { createdAt: Date | string; details?: unknown };

const ROLES = new Set(["buyer", "seller", "operator", "driver", "admin", "system"]);
/** Events whose text is a description (the trunk run, the route), not a reason someone gave. */
const DESCRIBED = new Set(["trunk_assign", "trunk_depart", "trunk_arrive", "route_publish", "stop_arrive"]);

/** A trunk event in the reader's language (the Chinese reads as the text stored with it). */
function trunkText(f: TrunkEventFacts, t: T, locale: Locale): string {
  const at = new Date(f.at);
  const params = { plate: f.plate, when: locale === "zh" ? `${beijingMonthDay(at)} ${beijingClock(at)}` : formatDateTime(at, locale), temp: t(`temp.${f.tempClass}`) };
  if (f.kind === "depart") return t("checkout.trunk.depart", params);
  if (f.kind === "arrive") {
    const warehouse = f.warehouseName ? placeName(f.warehouseName, f.warehouseNameEn, locale) : "";
    return warehouse ? t("checkout.trunk.arrive", { ...params, warehouse }) : t("checkout.trunk.arriveNoWarehouse", params);
  }
  return t(f.notPacked ? "checkout.trunk.assignNotPacked" : f.manual ? "checkout.trunk.assignManual" : "checkout.trunk.assign", params);
}

/** What an event says under its title: a trunk event's description, else the stored text (a description, or the reason someone gave). */
function eventText(e: TimelineEvent, t: T, locale: Locale): string {
  const trunk = trunkEventFacts(e.event, e.details);
  if (trunk) return trunkText(trunk, t, locale);
  if (!e.reason) return "";
  return DESCRIBED.has(e.event) ? e.reason : t("checkout.timeline.reason", { reason: e.reason });
}

/** The list of events, oldest first. */
export function OrderTimeline({ events, t, locale }: { events: readonly TimelineEvent[]; t: T; locale: Locale }) {
  return (
    <section aria-labelledby="order-timeline-title">
      <h2 id="order-timeline-title" className="mb-2 font-semibold">{t("checkout.timeline.title")}</h2>
      {events.length === 0 ? (
        <p className="text-sm text-stone-500">{t("checkout.timeline.empty")}</p>
      ) : (
        <ol className="relative space-y-3 border-l border-stone-200 pl-4">
          {events.map((e) => {
            const text = eventText(e, t, locale);
            const role = t(`checkout.role.${ROLES.has(e.actorRole) ? e.actorRole : "system"}` as MessageKey);
            return (
              <li key={e.id} className="text-sm" data-event={e.event}>
                <span className="absolute -left-1.5 mt-1.5 size-3 rounded-full border-2 border-white bg-brand-600" aria-hidden="true" />
                <div className="font-medium">
                  {t(`checkout.event.${e.event}` as MessageKey)}
                  {e.sellerName ? <span className="font-normal text-stone-600"> · {orgName(e.sellerName, e.sellerNameEn, locale)}</span> : null}
                </div>
                <div className="text-xs text-stone-500">
                  <time dateTime={new Date(e.createdAt).toISOString()}>{formatDateTime(e.createdAt, locale)}</time>
                  {" · "}
                  {e.actorName ? t("checkout.timeline.by", { name: e.actorName, role }) : role}
                </div>
                {text ? <div className="text-xs text-stone-700">{text}</div> : null}
              </li>
            );
          })}
        </ol>
      )}
    </section>
  );
}
