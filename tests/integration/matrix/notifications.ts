// Authorization matrix rows for the notification centre and e-mail (see tests/integration/authorization-matrix.test.ts):
// every signed-in role has a centre of its own; marking works only on one's own notifications.
import { randomUUID } from "node:crypto";
import { createUser } from "../../factories";
import { row, SIGN_IN, type Cells, type Expected, type MatrixFeature } from "./rows";

const SIGNED_IN = (expected: Expected): Cells => [SIGN_IN, expected, expected, expected, expected, expected];
const ALL_READ = "→ /notifications?marked=all";
const ONE_READ = "→ /notifications?marked=one";

// prettier-ignore
export const notificationsMatrix: MatrixFeature = {
  rows: [
    //  file                          method  path                            anonymous buyer seller operator driver admin
    row("routes/notifications.tsx",   "GET",  "/notifications",               SIGNED_IN(200)),
    row("routes/notifications.tsx",   "GET",  "/notifications?page=7",        SIGNED_IN(200)),
    row("routes/notifications.tsx",   "GET",  "/notifications?page=not-a-number&marked=evil", SIGNED_IN(200)),
    row("routes/notifications.tsx",   "POST", "/notifications",               SIGNED_IN(ALL_READ), { intent: "all" }),
    row("routes/notifications.tsx",   "POST", "/notifications",               SIGNED_IN("→ /notifications?page=2&marked=all"), { intent: "all", page: "2" }),
    // The buyer's own notification; to anyone else it does not exist.
    row("routes/notifications.tsx",   "POST", "/notifications",               [SIGN_IN, ONE_READ, 404, 404, 404, 404], { intent: "read", id: "{buyerNotification}" }),
    row("routes/notifications.tsx",   "POST", "/notifications",               [SIGN_IN, 404, ONE_READ, 404, 404, 404], { intent: "read", id: "{sellerNotification}" }),
    // Another member of the buyer's organization: not the buyer's either.
    row("routes/notifications.tsx",   "POST", "/notifications",               SIGNED_IN(404), { intent: "read", id: "{colleagueNotification}" }),
    row("routes/notifications.tsx",   "POST", "/notifications",               SIGNED_IN(404), { intent: "read", id: "{missingNotification}" }),
    row("routes/notifications.tsx",   "POST", "/notifications",               SIGNED_IN(400), { intent: "read", id: "not-a-uuid" }),
    row("routes/notifications.tsx",   "POST", "/notifications",               SIGNED_IN(400), { intent: "delete", id: "{buyerNotification}" }),
    row("routes/notifications.tsx",   "POST", "/notifications",               SIGNED_IN(400)),
  ],
  async seed({ db, orgs, users, fixtures }) {
    const colleague = await createUser(db, { role: "buyer", organizationId: orgs.buyer, displayName: "矩阵同事" });
    const params = (audience: "buyer" | "seller") => ({ audience, orderNumber: "HM-20261201-000777", sellerOrderId: audience === "seller" ? randomUUID() : null, buyerName: "矩阵食堂", sellerName: "矩阵合作社", totalFen: 31200, sellerSubtotalFen: 19200, sellerCount: 2 });
    const make = (userId: string, audience: "buyer" | "seller", key: string) =>
      db.notification.create({ data: { userId, kind: "order_placed", params: params(audience), dedupeKey: `matrix:${key}` }, select: { id: true } });
    fixtures.buyerNotification = (await make(users.buyer, "buyer", "buyer")).id;
    fixtures.sellerNotification = (await make(users.seller, "seller", "seller")).id;
    fixtures.colleagueNotification = (await make(colleague.id, "buyer", "colleague")).id;
    fixtures.missingNotification = randomUUID();
    // Something to render for every other role too.
    for (const actor of ["operator", "driver", "admin"] as const) await make(users[actor], "buyer", actor);
  },
};
