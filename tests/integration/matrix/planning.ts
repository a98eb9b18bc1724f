// Authorization matrix rows for the operator's delivery planning screen (see tests/integration/authorization-matrix.test.ts).
import { randomUUID } from "node:crypto";
import { createWarehouse } from "../../factories";
import { NO_ACTION, row, SIGN_IN, type Cells, type Expected, type MatrixFeature } from "./rows";

// A draft plan whose id a redirect names: fixed (cells are not filled from FIXTURES).
const DRAFT_PLAN = "91a40000-0000-4000-8000-00000000f001";
const PLAN_DAY = "2030-02-12";

/** Operators read their warehouses' plans; admins read every plan. */
const READ = (operator: Expected, admin: Expected = operator): Cells => [SIGN_IN, 403, 403, operator, 403, admin];
/** Only operators change or publish plans. */
const MANAGE = (operator: Expected): Cells => [SIGN_IN, 403, 403, operator, 403, 403];

// prettier-ignore
export const planningMatrix: MatrixFeature = {
  rows: [
    //  file                                        method  path                                                 anonymous buyer seller operator driver admin
    row("routes/ops_.plans._index.tsx",              "GET",  "/ops/plans",                                         READ(200)),
    row("routes/ops_.plans._index.tsx",              "GET",  `/ops/plans?date=${PLAN_DAY}&warehouse={planWarehouse}`, READ(200)),
    // A bad date falls back to tomorrow; a bad warehouse id is 404.
    row("routes/ops_.plans._index.tsx",              "GET",  "/ops/plans?date=someday&warehouse={planWarehouse}",  READ(200)),
    row("routes/ops_.plans._index.tsx",              "GET",  "/ops/plans?warehouse=not-a-uuid",                    READ(404)),
    row("routes/ops_.plans._index.tsx",              "GET",  "/ops/plans?warehouse={missingPlan}",                 READ(404)),
    // Create: an empty form and bad seconds are 400 with field errors; a day without orders is refused with a message.
    row("routes/ops_.plans._index.tsx",              "POST", "/ops/plans?index=",                                  MANAGE(400)),
    row("routes/ops_.plans._index.tsx",              "POST", "/ops/plans?index=",                                  MANAGE(400), { warehouseId: "{planWarehouse}", date: PLAN_DAY, solveSeconds: "lots" }),
    row("routes/ops_.plans._index.tsx",              "POST", "/ops/plans?index=",                                  MANAGE(400), { warehouseId: "{planWarehouse}", date: PLAN_DAY }),
    row("routes/ops_.plans._index.tsx",              "POST", "/ops/plans?index=",                                  MANAGE(404), { warehouseId: "{missingPlan}", date: PLAN_DAY }),

    row("routes/ops_.plans.$planId.tsx",             "GET",  "/ops/plans/{draftPlan}",                             READ(200)),
    row("routes/ops_.plans.$planId.tsx",             "GET",  "/ops/plans/{draftPlan}?notice=locked",               READ(200)),
    row("routes/ops_.plans.$planId.tsx",             "GET",  "/ops/plans/{missingPlan}",                           READ(404)),
    row("routes/ops_.plans.$planId.tsx",             "GET",  "/ops/plans/not-a-uuid",                              READ(404)),
    // The stop button on a plan that is not solving changes nothing and returns to the page.
    row("routes/ops_.plans.$planId.tsx",             "POST", "/ops/plans/{draftPlan}",                             MANAGE(`→ /ops/plans/${DRAFT_PLAN}?notice=cancelled`), { intent: "cancel" }),
    row("routes/ops_.plans.$planId.tsx",             "POST", "/ops/plans/{draftPlan}",                             MANAGE(400), { intent: "lock", stopId: "not-a-uuid", vehicleId: "" }),
    row("routes/ops_.plans.$planId.tsx",             "POST", "/ops/plans/{draftPlan}",                             MANAGE(404), { intent: "lock", stopId: "{missingPlan}", vehicleId: "" }),
    row("routes/ops_.plans.$planId.tsx",             "POST", "/ops/plans/{draftPlan}",                             MANAGE(400), { intent: "move", stopId: "{missingPlan}", direction: "sideways" }),
    row("routes/ops_.plans.$planId.tsx",             "POST", "/ops/plans/{draftPlan}",                             MANAGE(400), { intent: "solve", solveSeconds: "0" }),
    // No orders that day: nothing to solve.
    row("routes/ops_.plans.$planId.tsx",             "POST", "/ops/plans/{draftPlan}",                             MANAGE(400), { intent: "solve", solveSeconds: "2" }),
    // Publishing needs publish:plan:warehouse; a stale revision is refused.
    row("routes/ops_.plans.$planId.tsx",             "POST", "/ops/plans/{draftPlan}",                             MANAGE(400), { intent: "publish", revision: "1" }),
    row("routes/ops_.plans.$planId.tsx",             "POST", "/ops/plans/{draftPlan}",                             MANAGE(400), { intent: "revision" }),
    row("routes/ops_.plans.$planId.tsx",             "POST", "/ops/plans/{draftPlan}",                             MANAGE(400), { intent: "bogus" }),
    row("routes/ops_.plans.$planId.tsx",             "POST", "/ops/plans/{missingPlan}",                           MANAGE(404), { intent: "cancel" }),

    row("routes/ops_.plans.$planId_.progress.tsx",   "GET",  "/ops/plans/{draftPlan}/progress",                    READ(200)),
    row("routes/ops_.plans.$planId_.progress.tsx",   "GET",  "/ops/plans/{missingPlan}/progress",                  READ(404)),
    row("routes/ops_.plans.$planId_.progress.tsx",   "GET",  "/ops/plans/not-a-uuid/progress",                     READ(404)),
    row("routes/ops_.plans.$planId_.progress.tsx",   "POST", "/ops/plans/{draftPlan}/progress",                    NO_ACTION),
  ],
  async seed({ db, orgs, users, fixtures }) {
    const warehouse = await createWarehouse(db, { operatorId: orgs.platform, name: "江桥冷链仓（排线矩阵）" });
    fixtures.planWarehouse = warehouse.id;
    fixtures.missingPlan = randomUUID();
    await db.deliveryPlan.create({ data: { id: DRAFT_PLAN, warehouseId: warehouse.id, serviceDate: new Date(`${PLAN_DAY}T00:00:00Z`), version: 1, createdById: users.operator }, select: { id: true } });
    fixtures.draftPlan = DRAFT_PLAN;
  },
};

