/** Messages of the public product page and seller storefront (merged into app/utils/i18n/messages.ts): Simplified Chinese first. */
export const storefrontProductMessages = {
  // Product page: what can be had now, by pack.
  "productPage.availableNow": { zh: "现货 {count}", en: "Available now: {count}" },
  "productPage.expectedFrom": { zh: "预计 {date}起可订", en: "Expected from {date}" },
  "productPage.bookableUntil": { zh: "可预订，供货至 {date}", en: "Can be booked now, until {date}" },
  "productPage.outOfStock": { zh: "暂无现货", en: "Out of stock" },
  "productPage.priceFrom": { zh: "{price}/{unit} 起", en: "from {price}/{unit}" },
  "productPage.perKgFrom": { zh: "折合 {price}/kg 起", en: "from {price}/kg" },
  "productPage.tiers": { zh: "阶梯价", en: "Tiered prices" },
  "productPage.tierQuantity": { zh: "订购量", en: "Quantity" },
  "productPage.tierPerPack": { zh: "单价（每{unit}）", en: "Price per {unit}" },
  "productPage.tierPerKg": { zh: "折合每公斤", en: "Per kg" },
  "productPage.tierFrom": { zh: "{count}起", en: "{count} or more" },
  "productPage.currentLot": { zh: "当前批次 {code} · 查看溯源", en: "Current lot {code} · trace it" },
  "productPage.earlierLots": { zh: "更早的批次（{count}）", en: "Earlier lots ({count})" },
  "productPage.certificates": { zh: "认证与证书", en: "Certificates" },
  "productPage.description": { zh: "商品介绍", en: "About this product" },
  "productPage.facts": { zh: "商品信息", en: "Product details" },

  // The seller's card on a product page and the storefront's profile.
  "storefront.aboutSeller": { zh: "卖家信息", en: "About the seller" },
  "storefront.verified": { zh: "平台已认证", en: "Verified by the platform" },
  "storefront.visit": { zh: "进入卖家店铺", en: "Visit the seller's storefront" },
  "storefront.located": { zh: "所在地：{county}", en: "Based in {county}" },
  "storefront.photoAlt": { zh: "{name}的照片", en: "Photo of {name}" },
  "storefront.certifications": { zh: "认证", en: "Certifications" },
  "storefront.products": { zh: "在售商品", en: "Products on sale" },
  "storefront.productCount": { zh: "共 {count} 款在售商品", en: "Products on sale: {count}" },
  "storefront.empty": { zh: "该卖家暂时没有在售商品。", en: "This seller has nothing on sale right now." },
  "storefront.inStock": { zh: "有现货", en: "In stock" },
  "storefront.verifiedSince": { zh: "{date} 通过平台认证", en: "Verified on {date}" },
} as const satisfies Record<string, { zh: string; en: string }>;
