// The editor as the server renders it (what a phone without JavaScript gets): every field named so its
// error lands on it, typed values kept, a spare pack block and spare tier/window rows to add one.
import { renderToString } from "react-dom/server";
import { createStaticHandler, createStaticRouter, StaticRouterProvider } from "react-router-dom/server";
import { describe, expect, it } from "vitest";
import { blankPackValues, listingToValues, type EditableListing } from "~/modules/catalog/listing-schema";
import { translator } from "~/utils/i18n/translate";
import { ListingEditor, type ListingEditorProps } from "./listing-editor";

const PACK = "3f1d1c9e-5b7a-4c2e-9a43-0b9d5e6f7a81";
const SPARE = "8a2b7c6d-1e2f-4a3b-8c4d-5e6f7a8b9c0d";

const listing: EditableListing = {
  id: "p",
  status: "draft",
  updatedAt: new Date("2026-11-29T00:00:00Z"),
  nameZh: "沙县扁肉",
  nameEn: "",
  category: "snacks_prepared",
  descriptionZh: "",
  descriptionEn: "",
  originCounty: "沙县区",
  tempClass: "frozen",
  shelfLifeDays: 180,
  packs: [
    {
      id: PACK,
      sku: "350405-00001",
      unit: "box",
      itemCount: 24,
      itemNetWeightGrams: 350,
      netWeightGrams: 8400,
      volumeCm3: 18000,
      variableWeight: false,
      active: true,
      minOrderQuantity: 1,
      orderMultiple: 1,
      tiers: [{ minQuantity: 1, unitPriceFen: 36700 }],
      windows: [],
    },
  ],
};

async function render(overrides: Partial<ListingEditorProps> = {}, locale: "zh" | "en" = "zh"): Promise<string> {
  const props: ListingEditorProps = {
    productId: "p",
    autosaveUrl: "/seller/products/p/autosave",
    status: "draft",
    serverUpdatedAt: "2026-11-29T00:00:00.000Z",
    values: { ...listingToValues(listing), ...blankPackValues(1, SPARE) },
    spareId: SPARE,
    skus: { [PACK]: "350405-00001" },
    inUse: { [PACK]: false },
    t: translator(locale),
    locale,
    ...overrides,
  };
  const handler = createStaticHandler([{ path: "/", element: <ListingEditor {...props} /> }]);
  const context = await handler.query(new Request("http://localhost/"));
  if (context instanceof Response) throw new Error("unexpected redirect");
  return renderToString(<StaticRouterProvider router={createStaticRouter(handler.dataRoutes, context)} context={context} />);
}

describe("the listing editor without JavaScript", () => {
  it("renders stored packs, a spare pack block and a spare tier row, each field named for its errors", async () => {
    const html = await render();
    expect(html).toContain('name="nameZh"');
    expect(html).toContain('value="沙县扁肉"');
    expect(html).toContain(`name="packs.0.id" value="${PACK}"`);
    expect(html).toContain('name="packs.0.existing" value="1"');
    expect(html).toContain('name="packs.0.tiers.0.price"');
    expect(html).toContain('value="367"');
    // The next tier row and the first window row are there to be filled in.
    expect(html).toContain('name="packs.0.tiers.1.quantity"');
    expect(html).not.toContain('name="packs.0.tiers.2.quantity"');
    expect(html).toContain('name="packs.0.windows.0.from"');
    // The spare pack block, with its pre-made id, and a delete checkbox only on the stored pack.
    expect(html).toContain(`name="packs.1.id" value="${SPARE}"`);
    expect(html).toContain('name="packs.0.remove"');
    expect(html).not.toContain('name="packs.1.remove"');
    expect(html).toContain("买家看到：24×350 g/箱");
    // No JavaScript: no add/remove buttons yet.
    expect(html).not.toContain("＋ 添加规格");
  });

  it("shows each error on its field and keeps every typed value", async () => {
    const values = { ...listingToValues(listing), "packs.0.tiers.1.quantity": "1", "packs.0.tiers.1.price": "400", "packs.0.itemWeight": "35O g", ...blankPackValues(1, SPARE) };
    const html = await render({
      values,
      errors: {
        "packs.0.itemWeight": { key: "listing.error.weight_invalid" },
        "packs.0.tiers.1.quantity": { key: "listing.error.tier_quantity_order", params: { previous: 1 } },
        "packs.0.tiers.1.price": { key: "listing.error.tier_price_order" },
      },
    });
    expect(html).toContain('value="35O g"');
    expect(html).toContain('value="400"');
    expect(html).toContain("数量必须大于上一档（1）");
    expect(html).toContain("单价必须低于上一档");
    expect(html).toContain('id="f-packs.0.tiers.1.price-error"');
    expect(html).toContain("请修正标出的内容后再提交。");
  });

  it("speaks English on English pages", async () => {
    const html = await render({}, "en");
    expect(html).toContain("Buyers see: box of 24 × 350 g");
    expect(html).toContain("Shaxian District");
  });
});
