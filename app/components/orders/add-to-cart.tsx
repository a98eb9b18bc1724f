/**
 * The product page's add-to-cart forms, one per pack (quantity in packs, minimum and multiple shown). They post
 * to /cart (intent add) and come back to the product page with ?added= or the refusal in the query, so they work
 * without JavaScript. Visitors and non-buyers see a sign-in hint instead.
 */
import { Form, Link, useNavigation } from "@remix-run/react";
import { composePackLabel, unitName, type PackLabelFields } from "~/modules/catalog/packs";
import type { QuantityIssueCode } from "~/modules/orders/quantities";
import { formatNumber } from "~/utils/i18n/format";
import type { Locale } from "~/utils/i18n/locale";
import type { T } from "~/utils/i18n/translate";
import { quantityMessage } from "./messages";

export interface AddToCartState {
  canBuy: boolean;
  signedIn: boolean;
  added: string | null;
  error: { variantId: string; code: string; quantity: string; min: number; multiple: number; max: number; down: number | null; up: number | null } | null;
}

const QUANTITY_CODES = new Set<QuantityIssueCode>(["not_integer", "not_positive", "too_large", "below_minimum", "not_multiple"]);

/** Reads the add-to-cart outcome the cart action put in the product page's query. */
export function readAddToCartState(url: URL, canBuy: boolean, signedIn: boolean): AddToCartState {
  const q = url.searchParams;
  const num = (k: string) => (q.get(k) && Number.isSafeInteger(Number(q.get(k))) ? Number(q.get(k)) : null);
  const variantId = q.get("variant") ?? "";
  const code = q.get("cartError");
  return {
    canBuy,
    signedIn,
    added: /^[0-9a-f-]{36}$/i.test(q.get("added") ?? "") ? q.get("added") : null,
    error: code && /^[0-9a-f-]{36}$/i.test(variantId) ? { variantId, code: code.slice(0, 40), quantity: (q.get("quantity") ?? "").slice(0, 20), min: num("min") ?? 1, multiple: num("multiple") ?? 1, max: num("max") ?? 0, down: num("down"), up: num("up") } : null,
  };
}

type Pack = PackLabelFields & { id: string; active: boolean; minOrderQuantity: number; orderMultiple: number; priceTiers: readonly unknown[]; available?: number };

export function AddToCart({ productId, packs, state, t, locale }: { productId: string; packs: readonly Pack[]; state: AddToCartState; t: T; locale: Locale }) {
  const navigation = useNavigation();
  const sellable = packs.filter((p) => p.active && p.priceTiers.length > 0);
  if (sellable.length === 0) return null;
  if (!state.canBuy) {
    return state.signedIn ? null : (
      <p className="card p-4 text-sm text-stone-600">
        <Link to={`/login?${new URLSearchParams({ redirectTo: `/catalog/${productId}` })}`} className="font-medium text-brand-700">
          {t("checkout.add.signIn")}
        </Link>
      </p>
    );
  }
  return (
    <section aria-labelledby="add-to-cart-heading" className="card space-y-3 p-4">
      <h2 id="add-to-cart-heading" className="text-lg font-semibold">
        {t("checkout.add.title")}
      </h2>
      {state.added ? (
        <p role="status" className="rounded-lg border border-brand-200 bg-brand-50 px-3 py-2 text-sm font-medium text-brand-800">
          {t("checkout.add.added")}{" "}
          <Link to="/cart" className="underline">
            {t("checkout.add.viewCart")} →
          </Link>
        </p>
      ) : null}
      <ul className="space-y-3">
        {sellable.map((p) => {
          const label = composePackLabel(p, locale);
          const err = state.error?.variantId === p.id ? state.error : null;
          const message = err
            ? QUANTITY_CODES.has(err.code as QuantityIssueCode)
              ? quantityMessage({ code: err.code as QuantityIssueCode, min: err.min, multiple: err.multiple, max: err.max, nearest: { down: err.down, up: err.up } }, t, locale)
              : err.code === "cart_full"
                ? t("checkout.add.cartFull", { max: 200 })
                : t("checkout.add.unavailable")
            : null;
          const id = `add-${p.id}`;
          const busy = navigation.state === "submitting" && navigation.formData?.get("variantId") === p.id;
          return (
            <li key={p.id}>
              <Form method="post" action="/cart" className="flex flex-wrap items-end gap-2" noValidate data-add-to-cart={p.id} data-min={p.minOrderQuantity} data-multiple={p.orderMultiple} data-available={p.available ?? ""}>
                <input type="hidden" name="intent" value="add" />
                <input type="hidden" name="variantId" value={p.id} />
                <input type="hidden" name="returnTo" value={`/catalog/${productId}`} />
                <div>
                  <label htmlFor={id} className="block text-sm font-medium text-stone-800">
                    {t("checkout.add.quantity", { pack: label })}
                  </label>
                  <div className="flex items-center gap-2">
                    <input
                      id={id}
                      name="quantity"
                      inputMode="numeric"
                      defaultValue={err?.quantity || String(p.minOrderQuantity)}
                      className="input w-28 text-right"
                      aria-invalid={message ? true : undefined}
                      aria-describedby={`${id}-rules${message ? ` ${id}-error` : ""}`}
                    />
                    <span className="text-sm text-stone-600">{unitName(p.unit, locale)}</span>
                  </div>
                  <p id={`${id}-rules`} className="text-xs text-stone-500">
                    {t("checkout.qty.rules", { min: formatNumber(p.minOrderQuantity, locale), multiple: formatNumber(p.orderMultiple, locale) })}
                  </p>
                </div>
                <button type="submit" className="btn-primary min-h-11" disabled={busy}>
                  {t("checkout.add.submit")}
                </button>
              </Form>
              {message ? (
                <p id={`${id}-error`} className="mt-1 text-sm font-medium text-red-700">
                  {message}
                </p>
              ) : null}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
