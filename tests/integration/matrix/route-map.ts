// Authorization matrix rows for the route map and the load sheets (see tests/integration/authorization-matrix.test.ts).
// The load sheet needs read:plan:warehouse (operators, admins) and the route's warehouse in the reader's scope.
// The matrix's operator is a platform operator (every warehouse), so "another company's warehouse is 404" is
// covered by app/modules/delivery/load-sheet.integration.test.ts; here: own route, a route of another plan,
// an unknown route, malformed ids.
import { randomUUID } from "node:crypto";
import { seedLoadSheetRoute } from "../../../app/modules/delivery/load-sheet.fixtures";
import { NO_ACTION, row, SIGN_IN, type Cells, type Expected, type MatrixFeature } from "./rows";

const READ = (operator: Expected, admin: Expected = operator): Cells => [SIGN_IN, 403, 403, operator, 403, admin];
const FILE = "routes/ops_.plans.$planId.routes.$routeId.load-sheet[.]pdf.tsx";
const DAY = { year: 2030, month: 1, day: 16 };

// prettier-ignore
export const routeMapMatrix: MatrixFeature = {
  rows: [
    //  file  method  path                                                                  anonymous buyer seller operator driver admin
    row(FILE, "GET",  "/ops/plans/{sheetPlan}/routes/{sheetRoute}/load-sheet.pdf",         READ(200)),
    // A route of another plan named under this plan's id: not found, not served.
    row(FILE, "GET",  "/ops/plans/{sheetPlan}/routes/{otherSheetRoute}/load-sheet.pdf",    READ(404)),
    row(FILE, "GET",  "/ops/plans/{sheetPlan}/routes/{missingSheetRoute}/load-sheet.pdf",  READ(404)),
    row(FILE, "GET",  "/ops/plans/not-a-plan/routes/{sheetRoute}/load-sheet.pdf",          READ(400)),
    row(FILE, "GET",  "/ops/plans/{sheetPlan}/routes/1%3Bdrop/load-sheet.pdf",             READ(400)),
    row(FILE, "POST", "/ops/plans/{sheetPlan}/routes/{sheetRoute}/load-sheet.pdf",         NO_ACTION),
  ],
  async seed({ db, orgs, users, fixtures }) {
    const base = { operatorId: orgs.platform, buyerId: orgs.buyer, buyerUserId: users.buyer, sellerId: orgs.sellerB, day: DAY };
    const own = await seedLoadSheetRoute(db, { ...base, driverId: users.driver, prefix: "矩阵" });
    const other = await seedLoadSheetRoute(db, { ...base, prefix: "矩阵乙" });
    fixtures.sheetPlan = own.planId;
    fixtures.sheetRoute = own.routeId;
    fixtures.otherSheetRoute = other.routeId;
    fixtures.missingSheetRoute = randomUUID();
  },
};
