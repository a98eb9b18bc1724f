import { describe, expect, it } from "vitest";
import { NOTIFICATION_KINDS } from "./notice";
import { selectRecipients, UnknownSellerOrderError, type MemberFact } from "./recipients";

const BUYER = "b0000000-0000-4000-8000-000000000001";
const SELLER_A = "a0000000-0000-4000-8000-00000000000a";
const SELLER_B = "a0000000-0000-4000-8000-00000000000b";
const SO_A = "50000000-0000-4000-8000-00000000000a";
const SO_B = "50000000-0000-4000-8000-00000000000b";
const order = { buyerId: BUYER, sellerOrders: [{ id: SO_A, sellerId: SELLER_A }, { id: SO_B, sellerId: SELLER_B }] };

const member = (userId: string, organizationId: string, role: string, extra: Partial<MemberFact> = {}): MemberFact => ({
  userId,
  organizationId,
  role,
  active: true,
  email: `${userId}@x.test`,
  locale: "zh",
  displayName: userId,
  ...extra,
});

const members: MemberFact[] = [
  member("buyer1", BUYER, "buyer"),
  member("buyer2", BUYER, "buyer", { email: null, locale: "en" }),
  member("buyerGone", BUYER, "buyer", { active: false }),
  // A seller-role membership in the buyer's organization is not a buyer.
  member("odd", BUYER, "seller"),
  member("sellerA1", SELLER_A, "seller"),
  member("sellerA2", SELLER_A, "seller"),
  member("sellerB1", SELLER_B, "seller"),
  member("sellerBGone", SELLER_B, "seller", { active: false }),
  // A buyer-role membership in a seller organization is not that seller's.
  member("confused", SELLER_B, "buyer"),
  member("outsider", "c0000000-0000-4000-8000-000000000000", "buyer"),
];

const who = (rs: ReturnType<typeof selectRecipients>) => rs.map((r) => `${r.audience}:${r.userId}:${r.sellerOrderId ?? "-"}`).sort();

describe("selectRecipients", () => {
  it("order placed: the buyer's active buyers for the order, and each seller's active sellers for their own seller order", () => {
    expect(who(selectRecipients({ kind: "order_placed" }, order, members))).toEqual(
      ["buyer:buyer1:-", "buyer:buyer2:-", `seller:sellerA1:${SO_A}`, `seller:sellerA2:${SO_A}`, `seller:sellerB1:${SO_B}`].sort(),
    );
  });

  it("a seller's cancellation reaches the buyer and only that seller", () => {
    expect(who(selectRecipients({ kind: "order_cancelled", sellerOrderId: SO_B }, order, members))).toEqual([`buyer:buyer1:${SO_B}`, `buyer:buyer2:${SO_B}`, `seller:sellerB1:${SO_B}`]);
  });

  it("a whole-order cancellation reaches every seller of the order", () => {
    const rs = selectRecipients({ kind: "order_cancelled" }, order, members);
    expect(rs.filter((r) => r.audience === "seller").map((r) => r.userId).sort()).toEqual(["sellerA1", "sellerA2", "sellerB1"]);
  });

  it.each(["order_confirmed", "order_short_shipped", "price_changed", "order_delivered"] as const)("%s is for the buyer's people only", (kind) => {
    expect(who(selectRecipients({ kind, sellerOrderId: SO_A }, order, members))).toEqual([`buyer:buyer1:${SO_A}`, `buyer:buyer2:${SO_A}`]);
  });

  it("every kind has buyer recipients; only placed and cancelled have seller recipients", () => {
    for (const kind of NOTIFICATION_KINDS) {
      const rs = selectRecipients({ kind }, order, members);
      expect(rs.some((r) => r.audience === "buyer")).toBe(true);
      expect(rs.some((r) => r.audience === "seller")).toBe(kind === "order_placed" || kind === "order_cancelled");
    }
  });

  it("keeps each person once, with their e-mail and language", () => {
    const twice = [...members, member("buyer1", BUYER, "buyer")];
    const rs = selectRecipients({ kind: "order_delivered" }, order, twice);
    expect(rs.filter((r) => r.userId === "buyer1")).toHaveLength(1);
    expect(rs.find((r) => r.userId === "buyer2")).toMatchObject({ email: null, locale: "en" });
  });

  it("a user who belongs to two sellers of one order hears about each seller order", () => {
    const both = [...members, member("sellerA1", SELLER_B, "seller")];
    expect(who(selectRecipients({ kind: "order_placed" }, order, both)).filter((k) => k.includes("sellerA1"))).toEqual([`seller:sellerA1:${SO_A}`, `seller:sellerA1:${SO_B}`]);
  });

  it("refuses a seller order that is not the order's", () => {
    expect(() => selectRecipients({ kind: "order_confirmed", sellerOrderId: "50000000-0000-4000-8000-0000000000ff" }, order, members)).toThrow(UnknownSellerOrderError);
  });

  it("nobody when the organizations have no active members", () => {
    expect(selectRecipients({ kind: "order_placed" }, order, members.filter((m) => !m.active))).toEqual([]);
  });
});
