import { describe, expect, it } from "vitest";
import { parseForm } from "~/utils/forms";
import { lotFormSchema } from "./schemas";

const today = "2026-12-01";
const VARIANT = "3f1c2a9e-8d4b-4c1e-9a7f-2b6d5e4c3a21";
const create = lotFormSchema({ today, requireVariant: true });
const edit = lotFormSchema({ today, requireVariant: false });

describe("the lot form", () => {
  it("parses a full form", () => {
    const r = parseForm(create, {
      variantId: VARIANT,
      code: " sx20261130-1 ",
      producedOn: "2026-11-30",
      expiresOn: "2027-05-30",
      originBase: " 均口镇莲子种植基地 ",
      originPlot: "3 号地块",
      inspection: "农残快检合格",
      quantity: "1,200",
      cert_green_food: "LB-15-2412130123A",
      cert_organic: "",
      cert_geo_indication: "AGI01234",
      cert_sc_licence: "",
    });
    expect(r.errors).toBeUndefined();
    expect(r.data).toEqual({
      variantId: VARIANT,
      code: "SX20261130-1",
      producedOn: "2026-11-30",
      expiresOn: "2027-05-30",
      originBase: "均口镇莲子种植基地",
      originPlot: "3 号地块",
      inspection: "农残快检合格",
      quantity: 1200,
      certificates: [
        { kind: "green_food", number: "LB-15-2412130123A" },
        { kind: "geo_indication", number: "AGI01234" },
      ],
    });
  });

  it("leaves code, expiry and quantity to the server when empty", () => {
    const r = parseForm(create, { variantId: VARIANT, producedOn: "2026-11-30", code: "", expiresOn: "", quantity: "" });
    expect(r.data).toMatchObject({ code: "", expiresOn: null, quantity: null, certificates: [] });
  });

  it("puts an expiry before production on the expiry field", () => {
    const r = parseForm(create, { variantId: VARIANT, producedOn: "2026-11-30", expiresOn: "2026-11-29" });
    expect(r.errors).toEqual({ expiresOn: "lots.error.expiryNotAfterProduction" });
  });

  it("reports each wrong field", () => {
    const r = parseForm(create, { variantId: "", code: "批次 1", producedOn: "2027-01-01", quantity: "0", originBase: "x".repeat(101), cert_sc_licence: "?" });
    expect(r.errors).toEqual({
      variantId: "lots.error.variantRequired",
      code: "lots.error.code",
      producedOn: "lots.error.producedFuture",
      quantity: "lots.error.quantity",
      originBase: "validation.tooLong",
      cert_sc_licence: "lots.error.certificateNumber",
    });
    expect(parseForm(create, { variantId: VARIANT }).errors).toEqual({ producedOn: "validation.required" });
    expect(parseForm(create, { variantId: VARIANT, producedOn: "2026-11-30", quantity: "12.5" }).errors).toEqual({ quantity: "lots.error.quantity" });
    expect(parseForm(create, { variantId: VARIANT, producedOn: "2026-11-30", quantity: "99999999" }).errors).toEqual({ quantity: "lots.error.quantity" });
  });

  it("refuses control characters on their field", () => {
    expect(parseForm(edit, { producedOn: "2026-11-30", inspection: "合格\u0000" }).errors).toEqual({ inspection: "validation.invalidCharacters" });
  });

  it("does not ask the edit form for a pack", () => {
    const r = parseForm(edit, { producedOn: "2026-11-30" });
    expect(r.errors).toBeUndefined();
    expect(r.data && "variantId" in r.data).toBe(false);
  });
});
