import { Link } from "@remix-run/react";
import type { MessageKey } from "~/utils/i18n/messages";
import { useT } from "~/utils/i18n/use-t";

/** The sections of the seller console, in the order the navigation shows them. */
export const SELLER_SECTIONS = [
  { key: "overview", to: "/seller", label: "dashboard.nav.overview" },
  { key: "newProduct", to: "/seller/products/new", label: "dashboard.nav.newProduct" },
  { key: "stock", to: "/seller/stock", label: "dashboard.nav.stock" },
  { key: "lots", to: "/seller/lots", label: "dashboard.nav.lots" },
  { key: "import", to: "/seller/import", label: "dashboard.nav.import" },
  { key: "orders", to: "/seller/orders", label: "dashboard.nav.orders" },
  { key: "contracts", to: "/seller/contracts", label: "deliverySetup.contracts.title" },
  { key: "profile", to: "/seller/profile", label: "dashboard.nav.profile" },
] as const satisfies readonly { key: string; to: string; label: MessageKey }[];

export type SellerSection = (typeof SELLER_SECTIONS)[number]["key"];

/**
 * The seller console's section navigation, on every seller page: one row of chips that scrolls
 * sideways on a phone (each at least 44 px tall), the current section marked for sighted users and
 * screen readers (aria-current). `current` is the section the page belongs to; omit it on pages
 * that belong to none (a product's own page).
 *
 *   <SellerNav current="stock" />
 */
export function SellerNav({ current }: { current?: SellerSection }) {
  const t = useT();
  return (
    <nav aria-label={t("dashboard.nav.label")} className="-mx-4 mb-5 overflow-x-auto px-4 sm:mx-0 sm:px-0">
      <ul className="flex w-max gap-2 pb-1">
        {SELLER_SECTIONS.map((s) => {
          const here = s.key === current;
          return (
            <li key={s.key}>
              <Link
                to={s.to}
                prefetch="intent"
                aria-current={here ? "page" : undefined}
                className={`chip min-h-11 font-medium ${here ? "border-brand-600 bg-brand-600 text-white" : "border-stone-300 bg-white text-stone-700 hover:border-brand-500 hover:text-brand-800"}`}
              >
                {t(s.label)}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
