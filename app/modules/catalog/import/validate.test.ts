import { describe, expect, it } from "vitest";
import type { ColumnKey } from "./columns";
import type { DataRow } from "./sheet";
import { planImport, productKey, shelfLifeDaysText, volumeText, type RowIssue } from "./validate";

type Cells = Partial<Record<ColumnKey, string>>;

const PRODUCT: Cells = { nameZh: "泰宁香菇", nameEn: "Taining shiitake", category: "菌菇", county: "泰宁县", temp: "常温", shelfLife: "365" };
const BAG: Cells = { unit: "袋", itemWeight: "500", volume: "3.5", tier1Price: "48" };

/** Rows from Excel row 3 on (as under the template's two header rows). */
function rows(...cells: Cells[]): DataRow[] {
  return cells.map((c, i) => ({ rowNumber: i + 3, cells: c }));
}
const one = (cells: Cells) => planImport(rows({ ...PRODUCT, ...BAG, ...cells }));
const issuesOf = (cells: Cells) => one(cells).issues.map((i) => [i.column, i.key]);
const only = (cells: Cells): RowIssue => {
  const issues = one(cells).issues;
  expect(issues, JSON.stringify(issues)).toHaveLength(1);
  return issues[0]!;
};

describe("a valid row", () => {
  it("becomes a product with one pack, read by the listing rules", () => {
    const plan = one({ tier2Quantity: "20", tier2Price: "45.50" });
    expect(plan.issues).toEqual([]);
    expect(plan.counts).toEqual({ rows: 1, products: 1, packs: 1, rowsWithIssues: 0 });
    expect(plan.products).toEqual([
      {
        rowNumber: 3,
        nameZh: "泰宁香菇",
        nameEn: "Taining shiitake",
        category: "mushrooms",
        descriptionZh: "",
        descriptionEn: "",
        originCounty: "泰宁县",
        tempClass: "ambient",
        shelfLifeDays: 365,
        packs: [
          {
            rowNumber: 3,
            sku: null,
            unit: "bag",
            itemCount: 1,
            itemNetWeightGrams: 500,
            netWeightGrams: 500,
            volumeCm3: 3500,
            variableWeight: false,
            active: true,
            minOrderQuantity: 1,
            orderMultiple: 1,
            tiers: [
              { minQuantity: 1, unitPriceFen: 4800 },
              { minQuantity: 20, unitPriceFen: 4550 },
            ],
          },
        ],
      },
    ]);
  });

  it("keeps names as typed, full-width brackets and all", () => {
    expect(one({ nameZh: "  泰宁香菇（光面菇　一级） " }).products[0]!.nameZh).toBe("泰宁香菇（光面菇 一级）");
  });

  it("reads English words as well as Chinese ones", () => {
    const plan = planImport(rows({ nameZh: "建宁通心白莲", category: "Forest goods", county: "Jianning", temp: "chilled", shelfLife: "1年", unit: "case", itemCount: "10 件", itemWeight: "0.5kg", variableWeight: "yes", volume: "20000 cm3", tier1Price: "¥120.5" }));
    expect(plan.issues).toEqual([]);
    const p = plan.products[0]!;
    expect([p.category, p.originCounty, p.tempClass, p.shelfLifeDays]).toEqual(["forest_goods", "建宁县", "chilled", 365]);
    expect(p.packs[0]).toMatchObject({ unit: "box", itemCount: 10, itemNetWeightGrams: 500, netWeightGrams: 5000, variableWeight: true, volumeCm3: 20000, tiers: [{ minQuantity: 1, unitPriceFen: 12050 }] });
  });
});

describe("values through the listing rules", () => {
  it("parses yuan to exact fen", () => {
    const fen = (price: string) => one({ tier1Price: price }).products[0]?.packs[0]?.tiers[0]?.unitPriceFen;
    expect(fen("12.50")).toBe(1250);
    expect(fen("12.5")).toBe(1250);
    expect(fen("0.1")).toBe(10);
    expect(fen("1,280")).toBe(128000);
    expect(fen("￥９.９")).toBe(990);
    expect(fen("19.99 元")).toBe(1999);
  });

  it("refuses prices the editor refuses, with its messages", () => {
    expect(only({ tier1Price: "12.345" })).toMatchObject({ row: 3, column: "tier1Price", key: "listing.error.price_decimals" });
    expect(only({ tier1Price: "-3" })).toMatchObject({ column: "tier1Price", key: "listing.error.price_positive" });
    expect(only({ tier1Price: "0" })).toMatchObject({ column: "tier1Price", key: "listing.error.price_positive" });
    expect(only({ tier1Price: "十二元" })).toMatchObject({ column: "tier1Price", key: "listing.error.price_invalid" });
    expect(only({ tier1Price: "2000000" })).toMatchObject({ column: "tier1Price", key: "listing.error.price_too_large" });
    expect(only({ tier1Price: undefined })).toMatchObject({ column: "tier1Price", key: "import.row.priceRequired" });
  });

  it("reads weights in grams, kilograms and 斤", () => {
    const grams = (w: string, count = "1") => one({ itemWeight: w, itemCount: count }).products[0]?.packs[0];
    expect(grams("350")?.itemNetWeightGrams).toBe(350);
    expect(grams("350 g")?.itemNetWeightGrams).toBe(350);
    expect(grams("0.5kg")?.itemNetWeightGrams).toBe(500);
    expect(grams("1.5 公斤")?.itemNetWeightGrams).toBe(1500);
    expect(grams("2斤")?.itemNetWeightGrams).toBe(1000);
    expect(grams("半斤")).toBeUndefined();
    expect(grams("1斤", "24")).toMatchObject({ itemNetWeightGrams: 500, netWeightGrams: 12000, itemCount: 24 });
  });

  it("refuses weights the editor refuses", () => {
    expect(only({ itemWeight: "0.3g" })).toMatchObject({ column: "itemWeight", key: "listing.error.weight_whole_grams" });
    expect(only({ itemWeight: "5吨" })).toMatchObject({ column: "itemWeight", key: "listing.error.weight_invalid" });
    expect(only({ itemWeight: "2000kg" })).toMatchObject({ column: "itemWeight", key: "listing.error.weight_too_large" });
    expect(only({ itemWeight: "600kg", itemCount: "2" })).toMatchObject({ column: "itemWeight", key: "listing.error.weight_too_large" });
    expect(only({ itemWeight: undefined })).toMatchObject({ column: "itemWeight", key: "import.row.weightRequired" });
    expect(only({ itemCount: "0" })).toMatchObject({ column: "itemCount", key: "listing.error.item_count_invalid" });
    expect(only({ itemCount: "2.5" })).toMatchObject({ column: "itemCount", key: "listing.error.item_count_invalid" });
  });

  it("reads the volume column as litres unless a unit says otherwise", () => {
    expect(volumeText("12")).toBe("12 L");
    expect(volumeText("12000 cm3")).toBe("12000 cm3");
    const volume = (v: string) => one({ volume: v }).products[0]?.packs[0]?.volumeCm3;
    expect(volume("3.5")).toBe(3500);
    expect(volume("500ml")).toBe(500);
    expect(volume("12 升")).toBe(12000);
    expect(only({ volume: "大" })).toMatchObject({ column: "volume", key: "listing.error.volume_invalid" });
    expect(only({ volume: undefined })).toMatchObject({ column: "volume", key: "import.row.volumeRequired" });
  });

  it("takes the county from Sanming only", () => {
    expect(one({ county: "建宁" }).products[0]?.originCounty).toBe("建宁县");
    expect(one({ county: "Yong'an" }).products[0]?.originCounty).toBe("永安市");
    expect(only({ county: "福州市" })).toMatchObject({ column: "county", key: "import.row.county", params: { value: "福州市" } });
    expect(only({ county: undefined })).toMatchObject({ column: "county", key: "import.row.countyRequired" });
  });

  it("names the words it does not know and what it expects", () => {
    expect(only({ category: "电器" })).toMatchObject({ column: "category", key: "import.row.category", params: { value: "电器" } });
    expect(only({ temp: "温热" })).toMatchObject({ column: "temp", key: "import.row.temp" });
    expect(only({ unit: "吨" })).toMatchObject({ column: "unit", key: "import.row.unit" });
    expect(only({ variableWeight: "也许" })).toMatchObject({ column: "variableWeight", key: "import.row.yesNo" });
    expect(only({ unit: undefined })).toMatchObject({ column: "unit", key: "import.row.unitRequired" });
    expect(only({ category: undefined })).toMatchObject({ column: "category", key: "import.row.categoryRequired" });
    expect(only({ temp: undefined })).toMatchObject({ column: "temp", key: "import.row.tempRequired" });
    expect(only({ nameZh: undefined })).toMatchObject({ column: "nameZh", key: "import.row.nameRequired" });
  });

  it("reads shelf life in days, months or years, within the editor's range", () => {
    expect(shelfLifeDaysText("365天")).toBe("365");
    expect(shelfLifeDaysText("6个月")).toBe("180");
    expect(shelfLifeDaysText("2年")).toBe("730");
    expect(shelfLifeDaysText("三个月")).toBeNull();
    expect(one({ shelfLife: "18 months" }).products[0]?.shelfLifeDays).toBe(540);
    expect(only({ shelfLife: "0" })).toMatchObject({ column: "shelfLife", key: "listing.error.shelf_life" });
    expect(only({ shelfLife: "20年" })).toMatchObject({ column: "shelfLife", key: "listing.error.shelf_life" });
    expect(only({ shelfLife: "很久" })).toMatchObject({ column: "shelfLife", key: "listing.error.shelf_life" });
    expect(only({ shelfLife: undefined })).toMatchObject({ column: "shelfLife", key: "import.row.shelfLifeRequired" });
  });

  it("checks tiers with the editor's order rules and names the tier column", () => {
    expect(only({ tier2Quantity: "20", tier2Price: "50" })).toMatchObject({ column: "tier2Price", key: "listing.error.tier_price_order" });
    expect(only({ tier2Quantity: "1", tier2Price: "40" })).toMatchObject({ column: "tier2Quantity", key: "listing.error.tier_quantity_order", params: { previous: 1 } });
    expect(only({ tier2Quantity: "20" })).toMatchObject({ column: "tier2Price", key: "listing.error.tier_incomplete" });
    expect(only({ tier3Price: "30" })).toMatchObject({ column: "tier3Quantity", key: "listing.error.tier_incomplete" });
    expect(only({ tier2Quantity: "五十", tier2Price: "40" })).toMatchObject({ column: "tier2Quantity", key: "listing.error.tier_quantity_invalid" });
    expect(only({ minOrder: "2", orderMultiple: "2", tier1Quantity: "2", tier2Quantity: "5", tier2Price: "40" })).toMatchObject({
      column: "tier2Quantity",
      key: "listing.error.tier_quantity_step",
      params: { min: 2, multiple: 2 },
    });
    expect(only({ minOrder: "5", tier1Quantity: "1" })).toMatchObject({ column: "tier1Quantity", key: "listing.error.tier_first_quantity", params: { min: 5 } });
    expect(only({ minOrder: "0" })).toMatchObject({ column: "minOrder", key: "listing.error.min_order_invalid" });
    expect(only({ orderMultiple: "x" })).toMatchObject({ column: "orderMultiple", key: "listing.error.order_multiple_invalid" });
  });

  it("skips a tier left blank between two filled ones, as the editor does", () => {
    const plan = one({ tier3Quantity: "50", tier3Price: "40" });
    expect(plan.issues).toEqual([]);
    expect(plan.products[0]!.packs[0]!.tiers).toEqual([
      { minQuantity: 1, unitPriceFen: 4800 },
      { minQuantity: 50, unitPriceFen: 4000 },
    ]);
  });

  it("fills a blank minimum order from tier 1 and a blank tier 1 quantity from the minimum", () => {
    expect(one({ tier1Quantity: "10" }).products[0]!.packs[0]).toMatchObject({ minOrderQuantity: 10, tiers: [{ minQuantity: 10 }] });
    expect(one({ minOrder: "4" }).products[0]!.packs[0]).toMatchObject({ minOrderQuantity: 4, tiers: [{ minQuantity: 4 }] });
  });

  it("checks SKUs: form, duplicates in the file, taken in the database", () => {
    expect(only({ sku: "香菇-1" })).toMatchObject({ column: "sku", key: "import.row.sku" });
    expect(one({ sku: " TN-001 " }).products[0]!.packs[0]!.sku).toBe("TN-001");
    const taken = planImport(rows({ ...PRODUCT, ...BAG, sku: "TN-001" }), { takenSkus: new Set(["TN-001"]) });
    expect(taken.issues).toEqual([{ row: 3, column: "sku", key: "import.row.skuTaken", params: { sku: "TN-001" } }]);
    const twice = planImport(rows({ ...PRODUCT, ...BAG, sku: "TN-001" }, { ...PRODUCT, nameZh: "笋干", ...BAG, sku: "tn-001" }));
    expect(twice.issues).toEqual([{ row: 4, column: "sku", key: "import.row.skuDuplicate", params: { row: 3 } }]);
  });

  it("refuses a product name the seller already has", () => {
    const plan = planImport(rows({ ...PRODUCT, ...BAG }), { takenNames: new Set([productKey("泰宁香菇")]) });
    expect(plan.issues).toEqual([{ row: 3, column: "nameZh", key: "import.row.nameTaken", params: { name: "泰宁香菇" } }]);
    expect(plan.products).toEqual([]);
  });
});

describe("products across rows", () => {
  it("groups rows by product name (spaces and full-width forms alike) into one product with its packs", () => {
    expect(planImport(rows({ ...PRODUCT, nameZh: "香菇（一级）", ...BAG }, { nameZh: "香菇(一级)", unit: "箱", itemWeight: "5kg", volume: "20", tier1Price: "200" })).counts.products).toBe(1);
    const plan = planImport(
      rows(
        { ...PRODUCT, ...BAG },
        { nameZh: "泰宁香菇 ", unit: "箱", itemCount: "10", itemWeight: "1斤", volume: "35", minOrder: "2", orderMultiple: "2", tier1Price: "460", tier2Quantity: "10", tier2Price: "440" },
        { ...PRODUCT, nameZh: "建宁通心白莲", county: "建宁县", ...BAG },
        { nameZh: "泰宁香菇", category: "mushrooms", unit: "公斤", itemWeight: "1kg", volume: "6", tier1Price: "90" },
      ),
    );
    expect(plan.issues).toEqual([]);
    expect(plan.counts).toMatchObject({ rows: 4, products: 2, packs: 4 });
    expect(plan.products.map((p) => [p.nameZh, p.rowNumber, p.packs.map((k) => k.rowNumber)])).toEqual([
      ["泰宁香菇", 3, [3, 4, 6]],
      ["建宁通心白莲", 5, [5]],
    ]);
    expect(plan.products[0]!.packs[1]).toMatchObject({ unit: "box", itemCount: 10, netWeightGrams: 5000, minOrderQuantity: 2, orderMultiple: 2 });
  });

  it("takes the product's fields from whichever row fills them", () => {
    const plan = planImport(rows({ nameZh: "尤溪金柑", ...BAG }, { nameZh: "尤溪金柑", category: "水果", county: "尤溪县", temp: "冷藏", shelfLife: "30", unit: "箱", itemWeight: "5kg", volume: "20", tier1Price: "88" }));
    expect(plan.issues).toEqual([]);
    expect(plan.products[0]).toMatchObject({ category: "fruit", originCounty: "尤溪县", tempClass: "chilled", shelfLifeDays: 30 });
  });

  it("reports rows of one product that disagree, on the later row, quoting the first", () => {
    const plan = planImport(rows({ ...PRODUCT, ...BAG }, { ...PRODUCT, county: "建宁县", temp: "Chilled", unit: "箱", itemWeight: "5kg", volume: "20", tier1Price: "200" }));
    expect(plan.issues).toEqual([
      { row: 4, column: "county", key: "import.row.productMismatch", params: { row: 3, value: "泰宁县" } },
      { row: 4, column: "temp", key: "import.row.productMismatch", params: { row: 3, value: "常温" } },
    ]);
    expect(plan.products).toEqual([]);
  });

  it("treats the same words in two languages as agreeing", () => {
    const plan = planImport(rows({ ...PRODUCT, ...BAG }, { ...PRODUCT, category: "Mushrooms", county: "Taining", temp: "ambient", unit: "箱", itemWeight: "5kg", volume: "20", tier1Price: "200" }));
    expect(plan.issues).toEqual([]);
  });

  it("reports a required product field missing from all its rows once, on the first row", () => {
    const plan = planImport(rows({ nameZh: "笋干", ...BAG }, { nameZh: "笋干", unit: "箱", itemWeight: "5kg", volume: "20", tier1Price: "200" }));
    expect(plan.issues.map((i) => [i.row, i.column, i.key])).toEqual([
      [3, "category", "import.row.categoryRequired"],
      [3, "county", "import.row.countyRequired"],
      [3, "temp", "import.row.tempRequired"],
      [3, "shelfLife", "import.row.shelfLifeRequired"],
    ]);
  });

  it("refuses the same pack twice in one product", () => {
    const plan = planImport(rows({ ...PRODUCT, ...BAG }, { nameZh: "泰宁香菇", ...BAG, itemWeight: "0.5kg", tier1Price: "47" }));
    expect(plan.issues).toEqual([{ row: 4, column: "unit", key: "import.row.duplicatePack", params: { row: 3 } }]);
  });

  it("allows at most as many packs per product as the editor", () => {
    const many = Array.from({ length: 11 }, (_, i) => ({ ...PRODUCT, ...BAG, itemWeight: `${100 + i}` }));
    const plan = planImport(rows(...many));
    expect(plan.issues).toEqual([{ row: 13, column: "unit", key: "listing.error.too_many_packs", params: { max: 10 } }]);
  });

  it("reports every bad row of a large file, sorted by row then column, and nothing else", () => {
    const good = Array.from({ length: 200 }, (_, i) => ({ ...PRODUCT, nameZh: `商品${i}`, ...BAG }));
    good[12] = { ...good[12], tier1Price: "12.345" };
    good[117] = { ...good[117], county: "福州市", temp: "热" };
    const plan = planImport(rows(...good));
    expect(plan.issues.map((i) => [i.row, i.column, i.key])).toEqual([
      [15, "tier1Price", "listing.error.price_decimals"],
      [120, "county", "import.row.county"],
      [120, "temp", "import.row.temp"],
    ]);
    expect(plan.counts).toEqual({ rows: 200, products: 200, packs: 200, rowsWithIssues: 2 });
  });
});
