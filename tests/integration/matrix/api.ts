// Authorization matrix rows for API keys and the buyer API (see tests/integration/authorization-matrix.test.ts).
// The settings page /account/api-keys is for buyers. The /api/v1 endpoints authenticate by Bearer key only:
// a browser session (every actor here) is never enough, so they answer 401 to everyone; what each key may
// do is pinned down in app/routes/api.v1.integration.test.ts ("a key sees only its organization's orders
// and only its scopes").
import { randomUUID } from "node:crypto";
import { createOrganization, createUser } from "../../factories";
import { hashApiKey } from "../../../app/modules/api/key-format";
import { all, NO_ACTION, row, SIGN_IN, type Cells, type Expected, type MatrixFeature } from "./rows";

// Keys whose ids a redirect names: fixed, because cells are not filled from FIXTURES (each run has a fresh database).
const OWN_KEY = "a91c0de0-0000-4000-8000-0000000a0001";
const OTHER_KEY = "a91c0de0-0000-4000-8000-0000000a0002";

const BUYER_ONLY = (buyer: Expected): Cells => [SIGN_IN, buyer, 403, 403, 403, 403];
// rows.ts has no 401 cell yet (no cookie route answers it); the harness compares statuses as numbers.
const UNAUTHORIZED: Expected = 401;

// prettier-ignore
export const apiMatrix: MatrixFeature = {
  rows: [
    //  file                                         method  path                                        anonymous buyer seller operator driver admin
    row("routes/account.api-keys.tsx",                "GET",  "/account/api-keys",                        BUYER_ONLY(200)),
    row("routes/account.api-keys.tsx",                "GET",  "/account/api-keys?revoked={ownKey}",       BUYER_ONLY(200)),
    row("routes/account.api-keys.tsx",                "GET",  "/account/api-keys?revoked=not-a-uuid",     BUYER_ONLY(200)),
    // Create: shown once in the answer (200, not a redirect); a form without a name or scope is 400.
    row("routes/account.api-keys.tsx",                "POST", "/account/api-keys",                        BUYER_ONLY(200), { intent: "create", name: "矩阵测试", scopes: "orders:read" }),
    row("routes/account.api-keys.tsx",                "POST", "/account/api-keys",                        BUYER_ONLY(400), { intent: "create", name: "", scopes: "orders:read" }),
    row("routes/account.api-keys.tsx",                "POST", "/account/api-keys",                        BUYER_ONLY(400), { intent: "create", name: "x", scopes: "orders:admin" }),
    row("routes/account.api-keys.tsx",                "POST", "/account/api-keys",                        BUYER_ONLY(400)),
    // Revoke: the buyer's own key → back to the list; another organization's 404, as an unknown one; malformed 400.
    row("routes/account.api-keys.tsx",                "POST", "/account/api-keys",                        BUYER_ONLY(`→ /account/api-keys?revoked=${OWN_KEY}`), { intent: "revoke", keyId: "{ownKey}" }),
    row("routes/account.api-keys.tsx",                "POST", "/account/api-keys",                        BUYER_ONLY(404), { intent: "revoke", keyId: "{otherKey}" }),
    row("routes/account.api-keys.tsx",                "POST", "/account/api-keys",                        BUYER_ONLY(404), { intent: "revoke", keyId: "{missingKey}" }),
    row("routes/account.api-keys.tsx",                "POST", "/account/api-keys",                        BUYER_ONLY(400), { intent: "revoke", keyId: "not-a-uuid" }),

    // The API document is public.
    row("routes/api.v1.openapi[.]json.ts",            "GET",  "/api/v1/openapi.json",                     all(200)),
    row("routes/api.v1.openapi[.]json.ts",            "POST", "/api/v1/openapi.json",                     NO_ACTION),
    // Bearer-only endpoints: a session cookie is not a key.
    row("routes/api.v1.catalog.ts",                   "GET",  "/api/v1/catalog",                          all(UNAUTHORIZED)),
    row("routes/api.v1.catalog.ts",                   "GET",  "/api/v1/catalog?q=%E9%A6%99%E8%8F%87&limit=5", all(UNAUTHORIZED)),
    row("routes/api.v1.catalog.ts",                   "POST", "/api/v1/catalog",                          NO_ACTION),
    row("routes/api.v1.delivery-points.ts",           "GET",  "/api/v1/delivery-points",                  all(UNAUTHORIZED)),
    row("routes/api.v1.delivery-points.ts",           "POST", "/api/v1/delivery-points",                  NO_ACTION),
    row("routes/api.v1.slots.ts",                     "GET",  "/api/v1/slots?deliveryPoint={missingKey}", all(UNAUTHORIZED)),
    row("routes/api.v1.slots.ts",                     "POST", "/api/v1/slots",                            NO_ACTION),
    row("routes/api.v1.orders.ts",                    "GET",  "/api/v1/orders",                           NO_ACTION),
    row("routes/api.v1.orders.ts",                    "POST", "/api/v1/orders",                           all(UNAUTHORIZED), { deliveryPoint: "x" }),
    row("routes/api.v1.orders_.$number.ts",           "GET",  "/api/v1/orders/HM-20261202-000001",        all(UNAUTHORIZED)),
    row("routes/api.v1.orders_.$number.ts",           "POST", "/api/v1/orders/HM-20261202-000001",        NO_ACTION),
    row("routes/api.v1.orders_.$number_.cancel.ts",   "GET",  "/api/v1/orders/HM-20261202-000001/cancel", NO_ACTION),
    row("routes/api.v1.orders_.$number_.cancel.ts",   "POST", "/api/v1/orders/HM-20261202-000001/cancel", all(UNAUTHORIZED)),
    // Any other /api/v1 path: 404 in the API's shape.
    row("routes/api.v1.$.ts",                         "GET",  "/api/v1/invoices",                         all(404)),
    row("routes/api.v1.$.ts",                         "POST", "/api/v1/invoices/1",                       all(404)),
  ],
  async seed({ db, orgs, users, fixtures }) {
    const other = await createOrganization(db, { kind: "canteen", name: "同济大学四平路校区食堂（矩阵）" });
    const otherBuyer = await createUser(db, { role: "buyer", organizationId: other.id });
    await db.apiKey.createMany({
      data: [
        { id: OWN_KEY, organizationId: orgs.buyer, name: "矩阵自有密钥", prefix: "hm_matrix01", hash: hashApiKey(`hm_matrix01${"a".repeat(24)}`), scopes: ["orders:read"], createdById: users.buyer },
        { id: OTHER_KEY, organizationId: other.id, name: "矩阵他方密钥", prefix: "hm_matrix02", hash: hashApiKey(`hm_matrix02${"b".repeat(24)}`), scopes: ["orders:read"], createdById: otherBuyer.id },
      ],
    });
    fixtures.ownKey = OWN_KEY;
    fixtures.otherKey = OTHER_KEY;
    fixtures.missingKey = randomUUID();
  },
};
