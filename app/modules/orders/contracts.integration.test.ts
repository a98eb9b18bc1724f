import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createContractPrice, createOrganization, createProduct, createUser } from "../../../tests/factories";
import { createTestDatabase, type TestDatabase } from "../../../tests/support/test-db";
import type { PrismaClient } from "~/generated/prisma/client";
import { selectContract } from "~/modules/pricing";
import { contractPricesFor, contractState, createContract, deleteContract, endContract, listBuyerOrganizations, listContractPacks, listContracts, type ContractScope } from "./contracts.server";
import type { ContractFormData } from "./delivery-setup-schemas";

let t: TestDatabase;
let db: PrismaClient;
let sellerA: string;
let sellerB: string;
let buyer: string;
let otherBuyer: string;
let actor: string;
let packA: string;
let packA2: string;
let packB: string;
let own: ContractScope;
const any: ContractScope = { kind: "any" };

const TODAY = "2026-12-02";

beforeAll(async () => {
  t = await createTestDatabase();
  db = t.db.prisma;
  console.log(`[integration] contract prices: database ${t.label}`);
  sellerA = (await createOrganization(db, { kind: "snack_supplier", name: "沙县区夏茂小吃食品厂" })).id;
  sellerB = (await createOrganization(db, { kind: "cooperative", name: "建宁县通心白莲专业合作社" })).id;
  buyer = (await createOrganization(db, { kind: "canteen", name: "复旦大学邯郸校区食堂" })).id;
  otherBuyer = (await createOrganization(db, { kind: "wholesale_market", name: "江桥批发市场" })).id;
  actor = (await createUser(db, { role: "seller", organizationId: sellerA })).id;
  const a = await createProduct(db, { sellerId: sellerA, nameZh: "沙县扁肉", variants: [{}, {}] });
  packA = a.variants[0].id;
  packA2 = a.variants[1].id;
  packB = (await createProduct(db, { sellerId: sellerB, nameZh: "建宁白莲" })).variants[0].id;
  own = { kind: "own", sellerIds: [sellerA] };
});
afterAll(async () => t?.drop());

const input = (over: Partial<ContractFormData> = {}): ContractFormData => ({ buyerId: buyer, variantId: packA, unitPriceFen: 1180, validFrom: "2026-12-01", validTo: null, note: "", ...over });

describe("contract state by Beijing day", () => {
  it("is future before the start, current through the last day, expired after", () => {
    expect(contractState({ validFrom: "2026-12-03", validTo: null }, TODAY)).toBe("future");
    expect(contractState({ validFrom: "2026-12-02", validTo: "2026-12-02" }, TODAY)).toBe("current");
    expect(contractState({ validFrom: "2026-11-01", validTo: null }, TODAY)).toBe("current");
    expect(contractState({ validFrom: "2026-11-01", validTo: "2026-12-01" }, TODAY)).toBe("expired");
  });
});

describe("a seller's contract prices", () => {
  it("creates one for its own pack and lists it as current, future or ended", async () => {
    const cur = await createContract(db, own, input({ note: "2027 框架协议" }), actor, TODAY);
    const fut = await createContract(db, own, input({ variantId: packA2, validFrom: "2027-01-01", validTo: "2027-06-30" }), actor, TODAY);
    expect(cur.kind).toBe("ok");
    expect(fut.kind).toBe("ok");
    await createContractPrice(db, { sellerId: sellerA, buyerId: otherBuyer, variantId: packA, unitPriceFen: 1000, validFrom: "2026-10-01", validTo: "2026-11-30" });
    await createContractPrice(db, { sellerId: sellerB, buyerId: buyer, variantId: packB, unitPriceFen: 900, validFrom: "2026-10-01" });
    const list = await listContracts(db, [sellerA], TODAY);
    expect(list.current.map((c) => [c.pack.id, c.unitPriceFen, c.validFrom, c.validTo, c.note])).toEqual([[packA, 1180, "2026-12-01", null, "2027 框架协议"]]);
    expect(list.future.map((c) => [c.pack.id, c.validFrom, c.validTo])).toEqual([[packA2, "2027-01-01", "2027-06-30"]]);
    expect(list.expired.map((c) => [c.buyer.id, c.validTo])).toEqual([[otherBuyer, "2026-11-30"]]);
    const row = await db.contractPrice.findFirstOrThrow({ where: { id: cur.kind === "ok" ? cur.id : "" }, select: { sellerId: true, createdById: true } });
    expect(row).toEqual({ sellerId: sellerA, createdById: actor });
  });

  it("refuses another seller's pack, a non-buyer, and an end already past", async () => {
    expect(await createContract(db, own, input({ variantId: packB }), actor, TODAY)).toEqual({ kind: "forbidden" });
    expect(await createContract(db, own, input({ buyerId: sellerB }), actor, TODAY)).toEqual({ kind: "invalid", errors: { buyerId: "deliverySetup.contracts.notBuyer" } });
    expect(await createContract(db, own, input({ validFrom: "2026-11-01", validTo: "2026-12-01" }), actor, TODAY)).toEqual({ kind: "invalid", errors: { validTo: "deliverySetup.contracts.endsInPast" } });
    expect(await createContract(db, own, input({ variantId: "00000000-0000-4000-8000-000000000000" }), actor, TODAY)).toEqual({ kind: "invalid", errors: { variantId: "deliverySetup.error.pack" } });
  });

  it("is refused by the database with a price of 0 or an end before the start (the CHECKs behind the form)", async () => {
    await expect(createContract(db, own, input({ unitPriceFen: 0 }), actor, TODAY)).rejects.toThrow();
    await expect(createContract(db, own, input({ validFrom: "2026-12-10", validTo: "2026-12-09" }), actor, TODAY)).rejects.toThrow();
  });

  it("lists the seller's active packs and the buying organizations", async () => {
    expect((await listContractPacks(db, [sellerA])).map((p) => p.id).sort()).toEqual([packA, packA2].sort());
    const buyers = (await listBuyerOrganizations(db)).map((b) => b.id);
    expect(buyers).toContain(buyer);
    expect(buyers).toContain(otherBuyer);
    expect(buyers).not.toContain(sellerA);
  });
});

describe("an operator's contract prices", () => {
  it("creates one for the chosen seller's pack only", async () => {
    expect((await createContract(db, any, input({ sellerId: sellerB, variantId: packB, buyerId: otherBuyer }), actor, TODAY)).kind).toBe("ok");
    expect(await createContract(db, any, input({ sellerId: sellerB, variantId: packA }), actor, TODAY)).toEqual({ kind: "invalid", errors: { variantId: "deliverySetup.contracts.packNotSellers" } });
    expect(await createContract(db, any, input({ sellerId: buyer }), actor, TODAY)).toEqual({ kind: "invalid", errors: { sellerId: "deliverySetup.error.seller" } });
  });
});

describe("ending and deleting", () => {
  it("ends a current contract on a day from today until before its end", async () => {
    const c = await createContractPrice(db, { sellerId: sellerA, buyerId: otherBuyer, variantId: packA2, unitPriceFen: 1500, validFrom: "2026-11-15", validTo: "2026-12-31" });
    expect(await endContract(db, { kind: "own", sellerIds: [sellerB] }, c.id, TODAY, TODAY)).toEqual({ kind: "forbidden" });
    expect(await endContract(db, own, c.id, "2026-12-01", TODAY)).toEqual({ kind: "invalid", errors: { endsOn: "deliverySetup.contracts.endsOnRange" } });
    expect(await endContract(db, own, c.id, "2026-12-31", TODAY)).toEqual({ kind: "invalid", errors: { endsOn: "deliverySetup.contracts.endsOnRange" } });
    expect(await endContract(db, own, c.id, "2026-12-10", TODAY)).toEqual({ kind: "ok", id: c.id });
    expect(await endContract(db, any, c.id, TODAY, TODAY)).toEqual({ kind: "ok", id: c.id });
    const row = await db.contractPrice.findUniqueOrThrow({ where: { id: c.id }, select: { validTo: true } });
    expect(row.validTo?.toISOString().slice(0, 10)).toBe(TODAY);
    // Ended today: it still applies today, and from tomorrow it is over.
    expect(await endContract(db, own, c.id, TODAY, "2026-12-03")).toEqual({ kind: "invalid", errors: { _form: "deliverySetup.contracts.endNotRunning" } });
  });

  it("refuses to end one that has not started, and deletes it instead; a started one cannot be deleted", async () => {
    const future = await createContractPrice(db, { sellerId: sellerA, buyerId: buyer, variantId: packA2, unitPriceFen: 1400, validFrom: "2026-12-03" });
    const started = await createContractPrice(db, { sellerId: sellerA, buyerId: buyer, variantId: packA2, unitPriceFen: 1400, validFrom: TODAY });
    expect(await endContract(db, own, future.id, "2026-12-05", TODAY)).toEqual({ kind: "invalid", errors: { _form: "deliverySetup.contracts.endNotRunning" } });
    expect(await deleteContract(db, own, started.id, TODAY)).toEqual({ kind: "invalid", errors: { _form: "deliverySetup.contracts.deleteStarted" } });
    expect(await deleteContract(db, { kind: "own", sellerIds: [sellerB] }, future.id, TODAY)).toEqual({ kind: "forbidden" });
    expect(await deleteContract(db, own, future.id, TODAY)).toEqual({ kind: "ok", id: future.id });
    expect(await deleteContract(db, own, future.id, TODAY)).toEqual({ kind: "not_found" });
    expect(await db.contractPrice.count({ where: { id: started.id } })).toBe(1);
  });
});

describe("contract prices for pricing", () => {
  it("gives a buyer's contracts per pack, which selectContract picks by Beijing day", async () => {
    const b = (await createOrganization(db, { kind: "community_group", name: "曹杨新村团购" })).id;
    const old = await createContractPrice(db, { sellerId: sellerA, buyerId: b, variantId: packA, unitPriceFen: 1200, validFrom: "2026-11-01", validTo: "2026-12-31" });
    const renegotiated = await createContractPrice(db, { sellerId: sellerA, buyerId: b, variantId: packA, unitPriceFen: 1100, validFrom: "2026-12-05" });
    // A row whose seller is not the pack's seller never prices that pack.
    await createContractPrice(db, { sellerId: sellerB, buyerId: b, variantId: packA, unitPriceFen: 1, validFrom: "2026-01-01" });
    await createContractPrice(db, { sellerId: sellerA, buyerId: buyer, variantId: packA2, unitPriceFen: 999, validFrom: "2026-01-01" });
    const map = await contractPricesFor(db, b, [packA.toUpperCase(), packA2, packB, "not-a-uuid"]);
    expect([...map.keys()]).toEqual([packA]);
    expect(map.get(packA)!.map((c) => [c.id, c.unitPriceFen, c.validFrom, c.validTo]).sort()).toEqual(
      [
        [old.id, 1200, "2026-11-01", "2026-12-31"],
        [renegotiated.id, 1100, "2026-12-05", null],
      ].sort(),
    );
    // 4 December 23:59 Beijing is still the old price; 5 December 00:00 the new one.
    expect(selectContract(map.get(packA)!, new Date("2026-12-04T15:59:00Z"))?.id).toBe(old.id);
    expect(selectContract(map.get(packA)!, new Date("2026-12-04T16:00:00Z"))?.id).toBe(renegotiated.id);
    expect((await contractPricesFor(db, b, [])).size).toBe(0);
    expect((await contractPricesFor(db, "nope", [packA])).size).toBe(0);
  });
});
