import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createOrganization, createProduct, createStockEntries, createUser, createDeliveryPoint, createDeliverySlot, createWarehouse } from "../../tests/factories";
import { createTestDatabase, type TestDatabase } from "../../tests/support/test-db";
import type { PrismaClient } from "~/generated/prisma/client";
import { addToCart, cartOrderLines, confirmCartPrices, loadCart, removeCartLine, removeOrderedLines, reorderIntoCart, setCartQuantity } from "~/modules/orders/carts.server";
import { placeOrder } from "./place-order.server";

let t: TestDatabase;
let db: PrismaClient;
let seller: string;
let buyer: string;
let alice: string;
let bob: string;

beforeAll(async () => {
  t = await createTestDatabase();
  db = t.db.prisma;
  console.log(`[integration] cart: database ${t.label}`);
  seller = (await createOrganization(db, { kind: "cooperative", minOrderValueFen: 20_000 })).id;
  buyer = (await createOrganization(db, { kind: "canteen" })).id;
  alice = (await createUser(db, { role: "buyer", organizationId: buyer })).id;
  bob = (await createUser(db, { role: "buyer", organizationId: buyer })).id;
}, 60_000);
afterAll(async () => t?.drop());

async function newPack(variant: Record<string, unknown> = {}) {
  const p = await createProduct(db, { sellerId: seller, variants: [{ tiers: [{ minQuantity: 1, unitPriceFen: 4800 }, { minQuantity: 20, unitPriceFen: 4550 }], ...variant }] });
  return p.variants[0]!.id;
}

async function clearCart() {
  await db.cartLine.deleteMany({ where: { cart: { organizationId: buyer } } });
}

describe("the shared cart", () => {
  it("enforces minimum and multiple with the nearest accepted quantities", async () => {
    await clearCart();
    const a = await newPack({ minOrderQuantity: 10, orderMultiple: 5 });
    expect(await addToCart(db, { buyerId: buyer, userId: alice, variantId: a, quantity: "12" })).toEqual({ ok: false, field: "quantity", code: "not_multiple", nearest: { down: 10, up: 15 }, min: 10, multiple: 5, max: expect.any(Number) });
    expect(await addToCart(db, { buyerId: buyer, userId: alice, variantId: a, quantity: "-3" })).toMatchObject({ ok: false, code: "not_positive" });
    expect(await addToCart(db, { buyerId: buyer, userId: alice, variantId: a, quantity: "1.5" })).toMatchObject({ ok: false, code: "not_integer" });
    expect(await addToCart(db, { buyerId: buyer, userId: alice, variantId: a, quantity: "abc" })).toMatchObject({ ok: false, code: "not_integer" });
    expect(await addToCart(db, { buyerId: buyer, userId: alice, variantId: a, quantity: "99999999" })).toMatchObject({ ok: false, code: "too_large" });
    expect(await addToCart(db, { buyerId: buyer, userId: alice, variantId: "00000000-0000-4000-8000-000000000000", quantity: 1 })).toMatchObject({ ok: false, code: "pack_unavailable" });
    expect(await addToCart(db, { buyerId: buyer, userId: alice, variantId: a, quantity: "１５" })).toMatchObject({ ok: true });
    const cart = await loadCart(db, buyer, new Date());
    expect(cart.lines.map((l) => [l.variantId, l.quantity, l.unitPriceFen])).toEqual([[a, 15, 4800]]);
    // 15 × ¥48 = ¥720 meets the seller's ¥200 minimum.
    expect(cart.sellers[0]!.shortfallFen).toBe(0);
    await setCartQuantity(db, { buyerId: buyer, userId: alice, lineId: cart.lines[0]!.id, quantity: "10" });
    const small = await newPack({ tiers: [{ minQuantity: 1, unitPriceFen: 1000 }] });
    await clearCart();
    await addToCart(db, { buyerId: buyer, userId: alice, variantId: small, quantity: 3 });
    // 再买 ¥170 即可起送.
    expect((await loadCart(db, buyer, new Date())).sellers[0]).toMatchObject({ subtotalFen: 3000, shortfallFen: 17_000, meetsMinimum: false });
  });

  it("two members adding to one cart at the same time: nothing is lost", async () => {
    await clearCart();
    const a = await newPack();
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => addToCart(db, { buyerId: buyer, userId: i % 2 ? alice : bob, variantId: a, quantity: 1 })));
    expect(results.every((r) => r.ok)).toBe(true);
    const cart = await loadCart(db, buyer, new Date());
    expect(cart.lines).toHaveLength(1);
    expect(cart.lines[0]!.quantity).toBe(20);
    // The 20th pack reached the 20-pack tier; each add saw the price it made, so nothing is flagged.
    expect(cart.lines[0]).toMatchObject({ unitPriceFen: 4550, seenUnitPriceFen: 4550, priceChanged: false });
  });

  it("one member changes a quantity while the other removes the line: the result is one of the two, never an error", async () => {
    await clearCart();
    const a = await newPack();
    const added = await addToCart(db, { buyerId: buyer, userId: alice, variantId: a, quantity: 2 });
    if (!added.ok) throw new Error(added.code);
    const [set, removed] = await Promise.all([
      setCartQuantity(db, { buyerId: buyer, userId: alice, lineId: added.lineId!, quantity: "5" }),
      removeCartLine(db, { buyerId: buyer, lineId: added.lineId! }),
    ]);
    // The cart row lock orders them: either the change came first (then the removal), or the removal (then the
    // change finds no line). Both end with an empty cart and no error.
    if (!set.ok) expect(set).toEqual({ ok: false, field: "lineId", code: "not_found" });
    expect(removed).toBe(true);
    expect((await loadCart(db, buyer, new Date())).lines).toEqual([]);
  });

  it("a price changed by the seller is flagged until confirmed; checkout refuses it until then", async () => {
    await clearCart();
    const a = await newPack();
    await createStockEntries(db, [{ variantId: a, onHandDelta: 100 }]);
    await addToCart(db, { buyerId: buyer, userId: alice, variantId: a, quantity: 5 });
    await db.priceTier.updateMany({ where: { variantId: a, minQuantity: 1 }, data: { unitPriceFen: 5200 } });
    const cart = await loadCart(db, buyer, new Date());
    expect(cart.priceChanges.map((l) => [l.seenUnitPriceFen, l.unitPriceFen])).toEqual([[4800, 5200]]);
    // A quantity change keeps the flag: the buyer has not seen the new price yet.
    await setCartQuantity(db, { buyerId: buyer, userId: alice, lineId: cart.lines[0]!.id, quantity: 6 });
    expect((await loadCart(db, buyer, new Date())).priceChanges).toHaveLength(1);
    const operator = (await createOrganization(db, { kind: "platform" })).id;
    const warehouse = (await createWarehouse(db, { operatorId: operator })).id;
    const point = (await createDeliveryPoint(db, { organizationId: buyer })).id;
    const startsAt = new Date(Date.now() + 4 * 86_400_000);
    const slot = (await createDeliverySlot(db, { warehouseId: warehouse, startsAt })).id;
    const place = () => cartOrderLines(db, buyer).then((lines) => placeOrder(db, { buyerId: buyer, userId: alice, channel: "web", deliveryPointId: point, slotId: slot, lines, idempotencyKey: crypto.randomUUID() }));
    expect(await place()).toMatchObject({ ok: false, code: "price_changed", lines: [{ oldUnitPriceFen: 4800, newUnitPriceFen: 5200 }] });
    expect(await confirmCartPrices(db, { buyerId: buyer, userId: alice })).toBe(1);
    expect((await loadCart(db, buyer, new Date())).priceChanges).toEqual([]);
    const placed = await place();
    expect(placed).toMatchObject({ ok: true });
    // The ordered lines leave the cart; re-order puts them back.
    expect(await removeOrderedLines(db, buyer, await cartOrderLines(db, buyer))).toBe(1);
    expect((await loadCart(db, buyer, new Date())).lines).toEqual([]);
    if (!placed.ok) return;
    expect(await reorderIntoCart(db, { buyerId: buyer, userId: bob, orderId: placed.orderId })).toEqual({ ok: true, added: 1, skipped: [] });
    expect((await loadCart(db, buyer, new Date())).lines.map((l) => [l.quantity, l.unitPriceFen])).toEqual([[6, 5200]]);
    expect(await reorderIntoCart(db, { buyerId: seller, userId: bob, orderId: placed.orderId })).toEqual({ ok: false, code: "not_found" });
  });

  it("an archived pack stays in the cart, marked, and blocks checkout; a re-order skips it", async () => {
    await clearCart();
    const a = await newPack();
    await addToCart(db, { buyerId: buyer, userId: alice, variantId: a, quantity: 25 });
    await db.variant.update({ where: { id: a }, data: { active: false } });
    const cart = await loadCart(db, buyer, new Date());
    expect(cart.unavailable.map((l) => l.variantId)).toEqual([a]);
    expect(cart.canCheckout).toBe(false);
  });
});
