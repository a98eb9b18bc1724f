import { describe, expect, it } from "vitest";
import { parseForm } from "~/utils/forms";
import { checkoutSchema, formatCheckoutLines, parseCheckoutLines } from "./checkout-schemas";

const A = "7e57c0de-57c0-4000-8000-00000000c0de";
const B = "7e57c0de-57c0-4000-8000-00000000beef";

describe("checkout lines field", () => {
  it("round-trips", () => {
    const lines = [{ variantId: A, quantity: 20 }, { variantId: B, quantity: 1 }];
    expect(parseCheckoutLines(formatCheckoutLines(lines))).toEqual(lines);
  });
  it("refuses anything else", () => {
    for (const bad of ["", `${A}`, `${A}:`, `${A}:-1`, `${A}:1.5`, `x:1`, `${A}:1,`, `${A}:12345678`]) expect(parseCheckoutLines(bad)).toBeNull();
    expect(parseCheckoutLines(Array.from({ length: 201 }, () => `${A}:1`).join(","))).toBeNull();
  });
});

describe("checkoutSchema", () => {
  const ok = { deliveryPointId: A, slotId: B, idempotencyKey: "k3y-0123456789", lines: `${A}:2`, note: "北门" };
  it("accepts a rendered form", () => {
    expect(parseForm(checkoutSchema, ok).data).toMatchObject({ lines: [{ variantId: A, quantity: 2 }], note: "北门" });
  });
  it("names the fields at fault", () => {
    expect(parseForm(checkoutSchema, { ...ok, slotId: "" }).errors).toEqual({ slotId: "checkout.error.slot_closed" });
    expect(parseForm(checkoutSchema, { ...ok, deliveryPointId: "x" }).errors).toEqual({ deliveryPointId: "checkout.error.delivery_point_invalid" });
    expect(parseForm(checkoutSchema, { ...ok, note: "长".repeat(501) }).errors).toEqual({ note: "validation.tooLong" });
    expect(parseForm(checkoutSchema, { ...ok, lines: "garbage" }).errors).toEqual({ lines: "checkout.error.stale" });
    expect(parseForm(checkoutSchema, { ...ok, idempotencyKey: "short" }).errors).toEqual({ idempotencyKey: "checkout.error.stale" });
  });
});
