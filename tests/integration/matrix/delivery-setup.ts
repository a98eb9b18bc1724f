// Authorization matrix rows for delivery points, delivery slots and contract prices (see tests/integration/authorization-matrix.test.ts).
import { randomUUID } from "node:crypto";
import { createContractPrice, createDeliveryPoint, createDeliverySlot, createOrder, createOrganization, createProduct, createWarehouse } from "../../factories";
import { row, SIGN_IN, type Cells, type Expected, type MatrixFeature } from "./rows";

// Records whose ids a redirect names: fixed, because cells are not filled from FIXTURES (each run has a fresh database).
const OWN_POINT = "de11e2a0-0000-4000-8000-00000000d001";
const ARCHIVE_POINT = "de11e2a0-0000-4000-8000-00000000d002";

const OWN_SLOT = "de11e2a0-0000-4000-8000-00000000d101";
const DELETE_SLOT = "de11e2a0-0000-4000-8000-00000000d102";

const OPS_SELLER = "de11e2a0-0000-4000-8000-00000000d201";

const SELLER_ONLY = (seller: Expected): Cells => [SIGN_IN, 403, seller, 403, 403, 403];
/** Operators manage any seller's contract prices; admins do not. */
const OPERATOR_ONLY = (operator: Expected): Cells => [SIGN_IN, 403, 403, operator, 403, 403];
const CONTRACT = { intent: "create", buyerId: "{buyerOrg}", variantId: "{contractPack}", price: "11.80", validFrom: "{today}", validTo: "", note: "矩阵" };
const OPS_CONTRACT = { ...CONTRACT, sellerId: OPS_SELLER, variantId: "{opsPack}" };

const BUYER_ONLY = (buyer: Expected): Cells => [SIGN_IN, buyer, 403, 403, 403, 403];
/** Slots are read by operators (their warehouses) and admins (all, read-only). */
const SLOTS_READ = (operator: Expected, admin: Expected = operator): Cells => [SIGN_IN, 403, 403, operator, 403, admin];
/** Only operators change slots. */
const SLOTS_WRITE = (operator: Expected): Cells => [SIGN_IN, 403, 403, operator, 403, 403];
const SLOT = { intent: "create", warehouseId: "{ownWarehouse}", district: "杨浦区", date: "{futureDay}", windowStart: "04:30", windowEnd: "06:30", cutoffDaysBefore: "1", cutoffTime: "14:00", capacityAmbient: "2000", capacityChilled: "2000", capacityFrozen: "0" };

const POINT = { name: "北区食堂", nameEn: "North Canteen", district: "杨浦区", address: "上海市杨浦区国权路 525 号", lat: "31.2989", lng: "121.5015", receivingFrom: "04:30", receivingTo: "07:00", contactName: "王师傅", contactPhone: "13800000099" };

// prettier-ignore
export const deliverySetupMatrix: MatrixFeature = {
  rows: [
    //  file                                   method  path                                             anonymous buyer seller operator driver admin
    row("routes/account.delivery-points.tsx",   "GET",  "/account/delivery-points",                       BUYER_ONLY(200)),
    row("routes/account.delivery-points.tsx",   "GET",  "/account/delivery-points?saved={ownPoint}",       BUYER_ONLY(200)),
    row("routes/account.delivery-points.tsx",   "GET",  "/account/delivery-points?edit={ownPoint}",        BUYER_ONLY(200)),
    // Another buying organization's point exists but is not the buyer's: 403.
    row("routes/account.delivery-points.tsx",   "GET",  "/account/delivery-points?edit={otherPoint}",      BUYER_ONLY(403)),
    row("routes/account.delivery-points.tsx",   "GET",  "/account/delivery-points?edit={missingPoint}",    BUYER_ONLY(404)),
    row("routes/account.delivery-points.tsx",   "GET",  "/account/delivery-points?edit=not-a-uuid",        BUYER_ONLY(404)),
    // Add: an invalid form is 400 with field errors; another organization is not the buyer's to add to.
    row("routes/account.delivery-points.tsx",   "POST", "/account/delivery-points",                       BUYER_ONLY(400), { intent: "create", ...POINT, lat: "121.5", lng: "31.3" }),
    row("routes/account.delivery-points.tsx",   "POST", "/account/delivery-points",                       BUYER_ONLY(403), { intent: "create", organizationId: "{otherBuyer}", ...POINT }),
    row("routes/account.delivery-points.tsx",   "POST", "/account/delivery-points",                       BUYER_ONLY(400)),
    // Edit: the buyer's own point → back to the list; another organization's 403 (even with a bad form); unknown 404.
    row("routes/account.delivery-points.tsx",   "POST", "/account/delivery-points",                       BUYER_ONLY(`→ /account/delivery-points?saved=${OWN_POINT}`), { intent: "update", pointId: "{ownPoint}", ...POINT }),
    row("routes/account.delivery-points.tsx",   "POST", "/account/delivery-points",                       BUYER_ONLY(400), { intent: "update", pointId: "{ownPoint}", ...POINT, receivingTo: "03:00" }),
    row("routes/account.delivery-points.tsx",   "POST", "/account/delivery-points",                       BUYER_ONLY(403), { intent: "update", pointId: "{otherPoint}", ...POINT }),
    row("routes/account.delivery-points.tsx",   "POST", "/account/delivery-points",                       BUYER_ONLY(403), { intent: "update", pointId: "{otherPoint}", ...POINT, contactPhone: "12" }),
    row("routes/account.delivery-points.tsx",   "POST", "/account/delivery-points",                       BUYER_ONLY(404), { intent: "update", pointId: "{missingPoint}", ...POINT }),
    // Archive.
    row("routes/account.delivery-points.tsx",   "POST", "/account/delivery-points",                       BUYER_ONLY(`→ /account/delivery-points?archived=${ARCHIVE_POINT}`), { intent: "archive", pointId: "{archivePoint}" }),
    row("routes/account.delivery-points.tsx",   "POST", "/account/delivery-points",                       BUYER_ONLY(403), { intent: "archive", pointId: "{otherPoint}" }),
    row("routes/account.delivery-points.tsx",   "POST", "/account/delivery-points",                       BUYER_ONLY(404), { intent: "archive", pointId: "{missingPoint}" }),
    row("routes/account.delivery-points.tsx",   "POST", "/account/delivery-points",                       BUYER_ONLY(400), { intent: "archive", pointId: "not-a-uuid" }),

    row("routes/ops_.slots.tsx",                "GET",  "/ops/slots",                                     SLOTS_READ(200)),
    row("routes/ops_.slots.tsx",                "GET",  "/ops/slots?district=%E6%9D%A8%E6%B5%A6%E5%8C%BA&from=2026-12-01&page=2", SLOTS_READ(200)),
    row("routes/ops_.slots.tsx",                "GET",  "/ops/slots?district=nowhere&from=yesterday&page=-1", SLOTS_READ(200)),
    row("routes/ops_.slots.tsx",                "GET",  "/ops/slots?saved={ownSlot}",                     SLOTS_READ(200)),
    // Another operator's slot named in a notice: the page loads without naming it.
    row("routes/ops_.slots.tsx",                "GET",  "/ops/slots?created={otherSlot}",                 SLOTS_READ(200)),
    // Add: the server's clock refuses a cut-off already past; another operator's warehouse is 403, an unknown one 404.
    row("routes/ops_.slots.tsx",                "POST", "/ops/slots",                                     SLOTS_WRITE(400), { ...SLOT, date: "2020-01-06" }),
    row("routes/ops_.slots.tsx",                "POST", "/ops/slots",                                     SLOTS_WRITE(403), { ...SLOT, warehouseId: "{otherWarehouse}" }),
    row("routes/ops_.slots.tsx",                "POST", "/ops/slots",                                     SLOTS_WRITE(404), { ...SLOT, warehouseId: "{missingSlot}" }),
    row("routes/ops_.slots.tsx",                "POST", "/ops/slots",                                     SLOTS_WRITE(400), { intent: "create" }),
    row("routes/ops_.slots.tsx",                "POST", "/ops/slots",                                     SLOTS_WRITE(400)),
    // Capacity: the operator's own slot → back to the list; below what is booked 400; another operator's 403.
    row("routes/ops_.slots.tsx",                "POST", "/ops/slots",                                     SLOTS_WRITE(`→ /ops/slots?saved=${OWN_SLOT}`), { intent: "capacity", slotId: "{ownSlot}", capacityAmbient: "3000", capacityChilled: "1000", capacityFrozen: "" }),
    row("routes/ops_.slots.tsx",                "POST", "/ops/slots",                                     SLOTS_WRITE(400), { intent: "capacity", slotId: "{ownSlot}", capacityAmbient: "50", capacityChilled: "0", capacityFrozen: "0" }),
    row("routes/ops_.slots.tsx",                "POST", "/ops/slots",                                     SLOTS_WRITE(400), { intent: "capacity", slotId: "{ownSlot}", capacityAmbient: "lots" }),
    row("routes/ops_.slots.tsx",                "POST", "/ops/slots",                                     SLOTS_WRITE(403), { intent: "capacity", slotId: "{otherSlot}", capacityAmbient: "3000" }),
    row("routes/ops_.slots.tsx",                "POST", "/ops/slots",                                     SLOTS_WRITE(403), { intent: "capacity", slotId: "{otherSlot}", capacityAmbient: "-1" }),
    row("routes/ops_.slots.tsx",                "POST", "/ops/slots",                                     SLOTS_WRITE(404), { intent: "capacity", slotId: "{missingSlot}", capacityAmbient: "3000" }),
    // Delete: an empty slot of the operator's → back; one with an order 400 (kept); another operator's 403.
    row("routes/ops_.slots.tsx",                "POST", "/ops/slots",                                     SLOTS_WRITE("→ /ops/slots?deleted=1"), { intent: "delete", slotId: "{deleteSlot}" }),
    row("routes/ops_.slots.tsx",                "POST", "/ops/slots",                                     SLOTS_WRITE(400), { intent: "delete", slotId: "{slotWithOrder}" }),
    row("routes/ops_.slots.tsx",                "POST", "/ops/slots",                                     SLOTS_WRITE(403), { intent: "delete", slotId: "{otherSlot}" }),
    row("routes/ops_.slots.tsx",                "POST", "/ops/slots",                                     SLOTS_WRITE(404), { intent: "delete", slotId: "{missingSlot}" }),
    row("routes/ops_.slots.tsx",                "POST", "/ops/slots",                                     SLOTS_WRITE(400), { intent: "delete", slotId: "not-a-uuid" }),

    row("routes/seller.contracts.tsx",          "GET",  "/seller/contracts",                              SELLER_ONLY(200)),
    row("routes/seller.contracts.tsx",          "GET",  "/seller/contracts?notice=saved",                 SELLER_ONLY(200)),
    row("routes/seller.contracts.tsx",          "GET",  "/seller/contracts?notice=toString",              SELLER_ONLY(200)),
    // Add: the seller's own pack → back to the list; another seller's pack 403; bad price or a non-buyer 400.
    row("routes/seller.contracts.tsx",          "POST", "/seller/contracts",                              SELLER_ONLY("→ /seller/contracts?notice=saved"), CONTRACT),
    row("routes/seller.contracts.tsx",          "POST", "/seller/contracts",                              SELLER_ONLY(403), { ...CONTRACT, variantId: "{otherContractPack}" }),
    row("routes/seller.contracts.tsx",          "POST", "/seller/contracts",                              SELLER_ONLY(400), { ...CONTRACT, price: "0" }),
    row("routes/seller.contracts.tsx",          "POST", "/seller/contracts",                              SELLER_ONLY(400), { ...CONTRACT, validTo: "2020-01-01" }),
    row("routes/seller.contracts.tsx",          "POST", "/seller/contracts",                              SELLER_ONLY(400), { ...CONTRACT, buyerId: "{opsSeller}" }),
    row("routes/seller.contracts.tsx",          "POST", "/seller/contracts",                              SELLER_ONLY(400)),
    // End early and delete: only the seller's own contracts.
    row("routes/seller.contracts.tsx",          "POST", "/seller/contracts",                              SELLER_ONLY("→ /seller/contracts?notice=ended"), { intent: "end", contractId: "{ownCurrentContract}", endsOn: "{today}" }),
    row("routes/seller.contracts.tsx",          "POST", "/seller/contracts",                              SELLER_ONLY(400), { intent: "end", contractId: "{ownStartedContract}", endsOn: "2020-01-01" }),
    row("routes/seller.contracts.tsx",          "POST", "/seller/contracts",                              SELLER_ONLY(403), { intent: "end", contractId: "{otherContract}", endsOn: "{today}" }),
    row("routes/seller.contracts.tsx",          "POST", "/seller/contracts",                              SELLER_ONLY(403), { intent: "end", contractId: "{otherContract}", endsOn: "soon" }),
    row("routes/seller.contracts.tsx",          "POST", "/seller/contracts",                              SELLER_ONLY(404), { intent: "end", contractId: "{missingContract}", endsOn: "{today}" }),
    row("routes/seller.contracts.tsx",          "POST", "/seller/contracts",                              SELLER_ONLY("→ /seller/contracts?notice=deleted"), { intent: "delete", contractId: "{ownFutureContract}" }),
    // A contract that has started is ended, not deleted.
    row("routes/seller.contracts.tsx",          "POST", "/seller/contracts",                              SELLER_ONLY(400), { intent: "delete", contractId: "{ownStartedContract}" }),
    row("routes/seller.contracts.tsx",          "POST", "/seller/contracts",                              SELLER_ONLY(403), { intent: "delete", contractId: "{otherContract}" }),
    row("routes/seller.contracts.tsx",          "POST", "/seller/contracts",                              SELLER_ONLY(404), { intent: "delete", contractId: "{missingContract}" }),
    row("routes/seller.contracts.tsx",          "POST", "/seller/contracts",                              SELLER_ONLY(400), { intent: "delete", contractId: "not-a-uuid" }),

    row("routes/ops_.contracts.tsx",            "GET",  "/ops/contracts",                                 OPERATOR_ONLY(200)),
    row("routes/ops_.contracts.tsx",            "GET",  "/ops/contracts?seller={opsSeller}&notice=ended", OPERATOR_ONLY(200)),
    // Not a selling organization, malformed, unknown: 404.
    row("routes/ops_.contracts.tsx",            "GET",  "/ops/contracts?seller={buyerOrg}",               OPERATOR_ONLY(404)),
    row("routes/ops_.contracts.tsx",            "GET",  "/ops/contracts?seller=not-a-uuid",               OPERATOR_ONLY(404)),
    row("routes/ops_.contracts.tsx",            "GET",  "/ops/contracts?seller={missingContract}",        OPERATOR_ONLY(404)),
    row("routes/ops_.contracts.tsx",            "POST", "/ops/contracts?seller={opsSeller}",              OPERATOR_ONLY(`→ /ops/contracts?seller=${OPS_SELLER}&notice=saved`), OPS_CONTRACT),
    // The pack must belong to the chosen seller; the seller must be chosen.
    row("routes/ops_.contracts.tsx",            "POST", "/ops/contracts?seller={opsSeller}",              OPERATOR_ONLY(400), { ...OPS_CONTRACT, variantId: "{contractPack}" }),
    row("routes/ops_.contracts.tsx",            "POST", "/ops/contracts",                                 OPERATOR_ONLY(400), CONTRACT),
    row("routes/ops_.contracts.tsx",            "POST", "/ops/contracts",                                 OPERATOR_ONLY(`→ /ops/contracts?seller=${OPS_SELLER}&notice=ended`), { intent: "end", contractId: "{opsCurrentContract}", endsOn: "{today}" }),
    row("routes/ops_.contracts.tsx",            "POST", "/ops/contracts",                                 OPERATOR_ONLY(`→ /ops/contracts?seller=${OPS_SELLER}&notice=deleted`), { intent: "delete", contractId: "{opsFutureContract}" }),
    row("routes/ops_.contracts.tsx",            "POST", "/ops/contracts",                                 OPERATOR_ONLY(404), { intent: "delete", contractId: "{missingContract}" }),
    row("routes/ops_.contracts.tsx",            "POST", "/ops/contracts",                                 OPERATOR_ONLY(400)),
  ],
  async seed({ db, orgs, users, fixtures }) {
    const otherBuyer = await createOrganization(db, { kind: "canteen", name: "同济大学四平路校区食堂", county: "杨浦区" });
    fixtures.otherBuyer = otherBuyer.id;
    fixtures.ownPoint = (await createDeliveryPoint(db, { id: OWN_POINT, organizationId: orgs.buyer })).id;
    fixtures.archivePoint = (await createDeliveryPoint(db, { id: ARCHIVE_POINT, organizationId: orgs.buyer, name: "研究生食堂" })).id;
    fixtures.otherPoint = (await createDeliveryPoint(db, { organizationId: otherBuyer.id, name: "同济西苑食堂" })).id;
    fixtures.missingPoint = randomUUID();

    // Slots: the operator's (platform) warehouse, and a warehouse of another operating organization.
    const ownWarehouse = await createWarehouse(db, { operatorId: orgs.platform, name: "嘉定冷链仓（矩阵）" });
    const otherOperator = await createOrganization(db, { kind: "platform", name: "浦东冷链配送公司", county: "浦东新区" });
    const otherWarehouse = await createWarehouse(db, { operatorId: otherOperator.id, name: "浦东冷链仓" });
    fixtures.ownWarehouse = ownWarehouse.id;
    fixtures.otherWarehouse = otherWarehouse.id;
    fixtures.futureDay = new Date(Date.now() + 8 * 3_600_000 + 7 * 86_400_000).toISOString().slice(0, 10);
    fixtures.ownSlot = (await createDeliverySlot(db, { id: OWN_SLOT, warehouseId: ownWarehouse.id, bookedGrams: { ambient: 100_000 } })).id;
    fixtures.deleteSlot = (await createDeliverySlot(db, { id: DELETE_SLOT, warehouseId: ownWarehouse.id })).id;
    const withOrder = await createDeliverySlot(db, { warehouseId: ownWarehouse.id, district: "虹口区" });
    fixtures.slotWithOrder = withOrder.id;
    fixtures.otherSlot = (await createDeliverySlot(db, { warehouseId: otherWarehouse.id })).id;
    fixtures.missingSlot = randomUUID();
    const product = await createProduct(db, { sellerId: orgs.sellerA, nameZh: "沙县拌面（矩阵时段）" });
    await createOrder(db, {
      buyerId: orgs.buyer,
      placedById: users.buyer,
      slotId: withOrder.id,
      sellerOrders: [{ sellerId: orgs.sellerA, lines: [{ variantId: product.variants[0].id, productNameZh: "沙县拌面", quantity: 1, unitPriceFen: 1000, weightGrams: 500 }] }],
    });

    // Contract prices: the seller actor's (seller A), another seller's, and one of a seller with a fixed id for the operator.
    const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
    fixtures.today = today;
    fixtures.buyerOrg = orgs.buyer;
    const ownPack = (await createProduct(db, { sellerId: orgs.sellerA, nameZh: "沙县扁肉（矩阵合同）" })).variants[0].id;
    const otherPack = (await createProduct(db, { sellerId: orgs.sellerB, nameZh: "建宁白莲（矩阵合同）" })).variants[0].id;
    const opsSeller = await createOrganization(db, { id: OPS_SELLER, kind: "cooperative", name: "尤溪县金柑专业合作社", county: "尤溪县" });
    const opsPack = (await createProduct(db, { sellerId: opsSeller.id, nameZh: "尤溪金柑（矩阵合同）" })).variants[0].id;
    fixtures.contractPack = ownPack;
    fixtures.otherContractPack = otherPack;
    fixtures.opsSeller = opsSeller.id;
    fixtures.opsPack = opsPack;
    const contract = (sellerId: string, variantId: string, validFrom: string) => createContractPrice(db, { sellerId, buyerId: orgs.buyer, variantId, unitPriceFen: 1200, validFrom });
    fixtures.ownCurrentContract = (await contract(orgs.sellerA, ownPack, "2026-01-01")).id;
    fixtures.ownStartedContract = (await contract(orgs.sellerA, ownPack, "2026-02-01")).id;
    fixtures.ownFutureContract = (await contract(orgs.sellerA, ownPack, "2099-01-01")).id;
    fixtures.otherContract = (await contract(orgs.sellerB, otherPack, "2099-01-01")).id;
    fixtures.opsCurrentContract = (await contract(opsSeller.id, opsPack, "2026-01-01")).id;
    fixtures.opsFutureContract = (await contract(opsSeller.id, opsPack, "2099-01-01")).id;
    fixtures.missingContract = randomUUID();
  },
};

