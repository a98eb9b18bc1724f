import { describe, expect, it } from "vitest";
import { lowestPrice } from "./catalog.server";
import { parseCategory } from "./categories";
import { certificateKey, parseCertificates } from "./certificates";

describe("lowestPrice", () => {
  it("finds the cheapest tier across packs with that pack's unit", () => {
    expect(
      lowestPrice([
        { unit: "box", priceTiers: [{ unitPriceFen: 36700 }, { unitPriceFen: 34400 }] },
        { unit: "bag", priceTiers: [{ unitPriceFen: 4150 }] },
      ]),
    ).toEqual({ unitPriceFen: 4150, unit: "bag" });
  });
  it("is null without any price", () => {
    expect(lowestPrice([])).toBeNull();
    expect(lowestPrice([{ unit: "kg", priceTiers: [] }])).toBeNull();
  });
});

describe("certificates", () => {
  it("keeps well-formed entries and drops the rest", () => {
    expect(parseCertificates([{ kind: "green_food", number: "LB-35-2004" }, { number: "x" }, null, "organic", { kind: "organic", extra: 1 }])).toEqual([
      { kind: "green_food", number: "LB-35-2004" },
      { kind: "organic" },
    ]);
    expect(parseCertificates({ kind: "organic" })).toEqual([]);
  });
  it("maps kinds and their aliases to catalogue keys", () => {
    expect(certificateKey("green_food")).toBe("cert.green_food");
    expect(certificateKey("geo_indication")).toBe("cert.geographical_indication");
    expect(certificateKey("sc_licence")).toBe("cert.sc");
    expect(certificateKey("halal")).toBe("cert.other");
  });
});

describe("parseCategory", () => {
  it("accepts known categories only", () => {
    expect(parseCategory("mushrooms")).toBe("mushrooms");
    expect(parseCategory("weapons")).toBeUndefined();
    expect(parseCategory(null)).toBeUndefined();
  });
});
