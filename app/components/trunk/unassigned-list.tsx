/** Seller orders whose goods no open run can take, with the reason, and a select to place one by hand. */
import { Form, Link } from "@remix-run/react";
import type { UnassignedView } from "~/modules/trunk/trunk.server";
import { formatDateTime, formatWeight } from "~/utils/i18n/format";
import type { Locale } from "~/utils/i18n/locale";
import { orgName } from "~/utils/i18n/names";
import type { T } from "~/utils/i18n/translate";
import type { Target } from "./departure-card";
import type { Wire } from "./wire";

export function UnassignedList({
  items,
  targets,
  canManage,
  action,
  t,
  locale,
}: {
  items: readonly Wire<UnassignedView>[];
  targets: readonly Target[];
  canManage: boolean;
  action: string;
  t: T;
  locale: Locale;
}) {
  if (items.length === 0)
    return (
      <p className="text-sm text-stone-500">{t("trunk.unassigned.empty")}</p>
    );
  return (
    <ul
      className="divide-y divide-stone-100 rounded-lg border border-amber-200 bg-amber-50/40"
      data-testid="unassigned"
    >
      {items.map((u) => {
        const options = targets.filter((x) => x.tempClass === u.tempClass);
        return (
          <li
            key={`${u.sellerOrderId}:${u.tempClass}`}
            className="flex flex-wrap items-center justify-between gap-2 px-3 py-2 text-sm"
          >
            <div className="min-w-0">
              <Link
                to={`/ops/orders/${u.number}`}
                className="font-medium text-brand-700"
              >
                {u.number}
              </Link>{" "}
              {t("trunk.unassigned.line", {
                seller: orgName(u.sellerName, u.sellerNameEn, locale),
                temp: t(`temp.${u.tempClass}`),
                weight: formatWeight(u.grams, locale),
                slot: formatDateTime(u.slotStartsAt, locale),
              })}
              <div
                className={`text-xs font-medium ${
                  u.reason === "pending" ? "text-stone-600" : "text-amber-800"
                }`}
                data-reason={u.reason}
              >
                {t(`trunk.reason.${u.reason}`)}
              </div>
            </div>
            {canManage && options.length > 0 ? (
              <Form
                method="post"
                action={action}
                className="flex items-end gap-2"
              >
                <input type="hidden" name="intent" value="place" />
                <input
                  type="hidden"
                  name="sellerOrderId"
                  value={u.sellerOrderId}
                />
                <input type="hidden" name="tempClass" value={u.tempClass} />
                <label
                  className="sr-only"
                  htmlFor={`place-${u.sellerOrderId}-${u.tempClass}`}
                >
                  {t("trunk.moveLabel", {
                    number: u.number,
                    temp: t(`temp.${u.tempClass}`),
                  })}
                </label>
                <select
                  id={`place-${u.sellerOrderId}-${u.tempClass}`}
                  name="departureId"
                  className="input max-w-56 py-1 text-sm"
                  defaultValue=""
                >
                  <option value="">{t("trunk.chooseRun")}</option>
                  {options.map((x) => (
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
        );
      })}
    </ul>
  );
}
