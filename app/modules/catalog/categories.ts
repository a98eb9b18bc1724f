import type { ProductCategory } from "~/generated/prisma/enums";

/** The product categories in the order the filter chips show them. */
export const CATEGORIES: readonly ProductCategory[] = [
  "mushrooms",
  "bamboo_shoots",
  "snacks_prepared",
  "frozen_foods",
  "tea",
  "vegetables",
  "fruit",
  "forest_goods",
  "bean_products",
  "rice_grains",
];

/** Narrows a query value to a category. */
export function parseCategory(value: string | null | undefined): ProductCategory | undefined {
  return CATEGORIES.find((c) => c === value);
}
