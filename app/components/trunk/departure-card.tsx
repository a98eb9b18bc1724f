/** One trunk run on the operator's trunk page: class, times, status, load bar, sellers, seller orders (with a move select), actions. */
import { Form, Link } from "@remix-run/react";
import { TempBadge } from "~/components/ui/badges";
import type { DepartureView, TrunkDay } from "~/modules/trunk/trunk.server";
import { formatDateTime, formatTime, formatWeight } from "~/utils/i18n/format";
import type { Locale } from "~/utils/i18n/locale";
import type { MessageKey } from "~/utils/i18n/messages";
import { orgName, placeName } from "~/utils/i18n/names";
import type { T } from "~/utils/i18n/translate";
import type { ReactNode } from "react";
import { LoadBar } from "./load-bar";
import type { Wire } from "./wire";

const STATUS_STYLE: Record<DepartureView["status"], string> = {
  scheduled: "bg-stone-100 text-stone-700 ring-stone-300",
  departed: "bg-sky-50 text-sky-800 ring-sky-200",
  arrived: "bg-brand-50 text-brand-800 ring-brand-200",
  cancelled: "bg-stone-100 text-stone-500 ring-stone-200",
};

export type Target = Wire<TrunkDay["warehouses"][number]["targets"][number]>;

export interface DepartureCardProps {
  departure: Wire<DepartureView>;
  warehouseName: string;
  /** Scheduled runs of the same warehouse a load can move to. */
  targets: readonly Target[];
  canManage: boolean;
  action: string;
  t: T;
  locale: Locale;
  /** The edit form, shown in a disclosure (scheduled runs only). */
  editForm?: ReactNode;
  editOpen?: boolean;
}

/** The run's short name: "14:00 冷藏班次". */
export function runName(
  d: { departsAt: Date | string; tempClass: DepartureView["tempClass"] },
  t: T,
  locale: Locale
): string {
  return t("trunk.runTitle", {
    time: formatTime(d.departsAt, locale),
    temp: t(`temp.${d.tempClass}`),
  });
}

export function DepartureCard({
  departure: d,
  warehouseName,
  targets,
  canManage,
  action,
  t,
  locale,
  editForm,
  editOpen,
}: DepartureCardProps) {
  const name = runName(d, t, locale);
  const moveTargets = targets.filter(
    (x) => x.tempClass === d.tempClass && x.id !== d.id
  );
  return (
    <li
      className="card p-4"
      id={`run-${d.id}`}
      data-departure={d.id}
      data-status={d.status}
    >
      <div className="flex flex-wrap items-start justify-between gap-2">
        <div className="min-w-0">
          <h3 className="flex flex-wrap items-center gap-2 text-lg font-semibold">
            {name} <TempBadge temp={d.tempClass} t={t} />
          </h3>
          <p className="text-sm text-stone-600">
            {t("trunk.route", { origin: placeName(d.origin, d.originEn, locale), warehouse: warehouseName })}
          </p>
          <p className="text-sm text-stone-600">
            {t("trunk.times", {
              cutoff: formatTime(d.cutoffAt, locale),
              departs: formatTime(d.departsAt, locale),
              arrives: formatDateTime(d.arrivesAt, locale),
            })}
          </p>
          <p className="text-sm text-stone-500">
            {d.vehiclePlate
              ? t("trunk.plate", { plate: d.vehiclePlate })
              : t("trunk.noPlate")}
            {d.departedAt
              ? ` · ${t("trunk.departedAt", {
                  time: formatDateTime(d.departedAt, locale),
                })}`
              : null}
            {d.arrivedAt
              ? ` · ${t("trunk.arrivedAt", {
                  time: formatDateTime(d.arrivedAt, locale),
                })}`
              : null}
          </p>
        </div>
        <span
          className={`inline-flex items-center rounded-md px-2 py-0.5 text-xs font-semibold ring-1 ring-inset ${
            STATUS_STYLE[d.status]
          }`}
          data-testid="run-status"
        >
          {t(`trunk.status.${d.status}` as MessageKey)}
        </span>
      </div>

      <div className="mt-3">
        <LoadBar
          loadedGrams={d.loadedGrams}
          capacityGrams={d.capacityGrams}
          t={t}
          locale={locale}
        />
      </div>

      {d.sellers.length > 0 ? (
        <ul
          className="mt-2 space-y-0.5 text-sm text-stone-700"
          aria-label={t("trunk.sellers")}
        >
          {d.sellers.map((s) => (
            <li key={s.sellerId}>
              {t("trunk.sellerLine", {
                seller: orgName(s.name, s.nameEn, locale),
                weight: formatWeight(s.grams, locale),
                count: s.count,
              })}
            </li>
          ))}
        </ul>
      ) : (
        <p className="mt-2 text-sm text-stone-500">{t("trunk.empty")}</p>
      )}

      {d.loads.length > 0 ? (
        <details className="mt-3 rounded-lg border border-stone-200">
          <summary className="flex min-h-11 cursor-pointer items-center px-3 text-sm font-medium">
            {t("trunk.orders", { count: d.loads.length })}
          </summary>
          <ul className="divide-y divide-stone-100 border-t border-stone-200">
            {d.loads.map((l) => (
              <li
                key={l.id}
                className="flex flex-wrap items-center justify-between gap-2 px-3 py-2 text-sm"
                data-seller-order={l.sellerOrderId}
                data-so-status={l.status}
              >
                <div className="min-w-0">
                  <Link
                    to={`/ops/orders/${l.number}`}
                    className="font-medium text-brand-700"
                  >
                    {l.number}
                  </Link>{" "}
                  <span className="text-stone-600">
                    {orgName(l.sellerName, l.sellerNameEn, locale)}
                  </span>
                  <div className="text-xs text-stone-500">
                    {formatWeight(l.grams, locale)} ·{" "}
                    {t(`checkout.sellerStatus.${l.status}` as MessageKey)}
                    {l.slotStartsAt
                      ? ` · ${t("trunk.slot", {
                          time: formatDateTime(l.slotStartsAt, locale),
                        })}`
                      : null}
                    {l.manual ? ` · ${t("trunk.manual")}` : null}
                  </div>
                </div>
                {canManage &&
                d.status === "scheduled" &&
                moveTargets.length > 0 ? (
                  <Form
                    method="post"
                    action={action}
                    className="flex items-end gap-2"
                  >
                    <input type="hidden" name="intent" value="place" />
                    <input
                      type="hidden"
                      name="sellerOrderId"
                      value={l.sellerOrderId}
                    />
                    <input type="hidden" name="tempClass" value={l.tempClass} />
                    <label className="sr-only" htmlFor={`move-${l.id}`}>
                      {t("trunk.moveLabel", {
                        number: l.number,
                        temp: t(`temp.${l.tempClass}`),
                      })}
                    </label>
                    <select
                      id={`move-${l.id}`}
                      name="departureId"
                      className="input max-w-56 py-1 text-sm"
                      defaultValue=""
                    >
                      <option value="">{t("trunk.moveTo")}</option>
                      {moveTargets.map((x) => (
                        <option key={x.id} value={x.id}>
                          {t("trunk.runOption", {
                            time: formatDateTime(x.departsAt, locale),
                            plate: x.vehiclePlate || "—",
                            free: formatWeight(
                              Math.max(0, x.capacityGrams - x.loadedGrams),
                              locale
                            ),
                          })}
                        </option>
                      ))}
                    </select>
                    <button
                      type="submit"
                      className="btn-secondary min-h-9 px-3 py-1 text-sm"
                    >
                      {t("trunk.move")}
                    </button>
                  </Form>
                ) : null}
              </li>
            ))}
          </ul>
        </details>
      ) : null}

      <div className="mt-3 flex flex-wrap items-center gap-2">
        {canManage && d.status === "scheduled" ? (
          <Form method="post" action={action}>
            <input type="hidden" name="intent" value="depart" />
            <input type="hidden" name="departureId" value={d.id} />
            <button
              type="submit"
              className="btn-primary"
              aria-label={t("trunk.departOf", { run: name })}
            >
              {t("trunk.depart")}
            </button>
          </Form>
        ) : null}
        {canManage && d.status === "departed" ? (
          <Form method="post" action={action}>
            <input type="hidden" name="intent" value="arrive" />
            <input type="hidden" name="departureId" value={d.id} />
            <button
              type="submit"
              className="btn-primary"
              aria-label={t("trunk.arriveOf", { run: name })}
            >
              {t("trunk.arrive")}
            </button>
          </Form>
        ) : null}
        <a
          href={`/ops/trunk/${d.id}/manifest.pdf`}
          className="btn-secondary"
          target="_blank"
          rel="noreferrer"
        >
          {t("trunk.manifest")}
        </a>
      </div>
      {canManage && d.status === "scheduled" && editForm ? (
        <details
          className="mt-3 rounded-lg border border-stone-200"
          open={editOpen ? true : undefined}
        >
          <summary className="flex min-h-11 cursor-pointer items-center px-3 text-sm font-medium">
            {t("trunk.edit")}
          </summary>
          <div className="border-t border-stone-200 p-3">{editForm}</div>
        </details>
      ) : null}
    </li>
  );
}
