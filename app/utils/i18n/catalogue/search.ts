/** Messages of the search feature (merged into app/utils/i18n/messages.ts): Simplified Chinese first, English second. */
export const searchMessages = {
  "search.sort.label": { zh: "排序", en: "Sort by" },
  "search.sort.relevance": { zh: "相关度", en: "Relevance" },
  "search.sort.price_per_kg": { zh: "每公斤价格（低到高）", en: "Price per kg (low to high)" },
  "search.sort.newest": { zh: "最新上架", en: "Newest" },
  "search.apply": { zh: "应用", en: "Apply" },
  "search.facet.county": { zh: "产地", en: "Origin" },
  "search.facet.temp": { zh: "温层", en: "Temperature" },
  "search.facet.any": { zh: "不限", en: "Any" },
} as const satisfies Record<string, { zh: string; en: string }>;
