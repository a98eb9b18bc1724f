/**
 * Search-as-you-type suggestions: matching categories first, then products from the search engine (listed products
 * only), labelled in the viewer's language. A query the engine finds nothing for is tried once more as corrected.
 */
import type { Suggestion } from "~/components/search/search-box";
import type { PrismaClient } from "~/generated/prisma/client";
import type { ProductCategory } from "~/generated/prisma/enums";
import { CATEGORIES } from "~/modules/catalog/categories";
import { LISTED } from "~/modules/catalog/catalog.server";
import { countyName } from "~/modules/catalog/counties";
import type { Locale } from "~/utils/i18n/locale";
import { messages } from "~/utils/i18n/messages";
import { bilingualName, orgName } from "~/utils/i18n/names";
import { translator } from "~/utils/i18n/translate";
import { cleanSearchText } from "~/utils/search-text";
import { correctionLexicon, correctQuery, nearestCategory } from "./correction.server";
import { searchEngine } from "./index.server";
import { CATEGORY_TERMS } from "./synonyms";
import { normalize, pinyinFull, pinyinInitials } from "./text.server";

// The search box reads this shape; one definition keeps the two sides in step.
export type { Suggestion };

export const MAX_SUGGESTIONS = 8;
const MAX_CATEGORIES = 2;

/** Categories whose name, a search word or its pinyin starts with the typed text (菌 → 菌菇, mush → mushrooms, cy → 茶叶), or the nearest one. */
export function categoriesFor(text: string): ProductCategory[] {
  const q = normalize(cleanSearchText(text)).replace(/\s+/g, "");
  if (!q) return [];
  const latin = /^[a-z]+$/.test(q);
  // One or two letters match too much as a prefix of an English word; pinyin initials need the whole word.
  const prefixed = CATEGORIES.filter((c) => {
    const label = messages[`category.${c}`];
    const words = [label.zh, label.en.toLowerCase(), ...(CATEGORY_TERMS[c] ?? [])].map(normalize);
    return words.some((w) => {
      if (!latin) return w.startsWith(q) || (Array.from(q).length >= 2 && q.includes(w) && Array.from(w).length >= 2);
      const han = /\p{Script=Han}/u.test(w);
      if (han) return (q.length >= 2 && pinyinInitials(w) === q) || (q.length >= 3 && pinyinFull(w).startsWith(q));
      return q.length >= 3 && w.startsWith(q);
    });
  });
  // A whole word of a category (香菇 → mushrooms, 干笋 → bamboo shoots) counts too, once there is enough to go on.
  const near = Array.from(q).length >= (latin ? 4 : 2) ? nearestCategory(q) : null;
  return [...new Set([...prefixed, ...(near ? [near] : [])])].slice(0, MAX_CATEGORIES);
}

async function productSuggestions(db: PrismaClient, q: string, limit: number, locale: Locale): Promise<Suggestion[]> {
  if (limit <= 0) return [];
  const result = await searchEngine().search(db, { q, pageSize: limit, sort: "relevance" });
  const ids = result.hits.map((h) => h.id);
  if (ids.length === 0) return [];
  const rows = await db.product.findMany({
    where: { id: { in: ids }, ...LISTED },
    select: { id: true, nameZh: true, nameEn: true, originCounty: true, seller: { select: { name: true, nameEn: true } } },
  });
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.flatMap((id) => {
    const p = byId.get(id);
    if (!p) return [];
    const name = bilingualName(p.nameZh, p.nameEn, locale);
    return [{ id: `product-${p.id}`, label: name.primary, secondary: `${orgName(p.seller.name, p.seller.nameEn, locale)} · ${countyName(p.originCounty, locale)}`, href: `/catalog/${p.id}` }];
  });
}

/** Up to 8 suggestions for what has been typed so far: categories, then products in the engine's relevance order. */
export async function suggest(db: PrismaClient, text: string | null | undefined, locale: Locale): Promise<Suggestion[]> {
  const q = cleanSearchText(text);
  if (!q) return [];
  const t = translator(locale);
  const categories: Suggestion[] = categoriesFor(q).map((c) => ({
    id: `category-${c}`,
    label: t(`category.${c}`),
    secondary: t("catalogList.suggest.category"),
    href: `/catalog?category=${c}`,
  }));
  const limit = MAX_SUGGESTIONS - categories.length;
  let products = await productSuggestions(db, q, limit, locale);
  if (products.length === 0) {
    const corrected = correctQuery(q, await correctionLexicon(db));
    if (corrected) products = await productSuggestions(db, corrected, limit, locale);
  }
  return [...categories, ...products].slice(0, MAX_SUGGESTIONS);
}
