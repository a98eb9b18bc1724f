// Authorization matrix rows for the trunk leg (Sanming → Shanghai departures, manifests, arrival) (see tests/integration/authorization-matrix.test.ts).
import { randomUUID } from "node:crypto";
import { createTrunkDeparture, createWarehouse } from "../../factories";
import {
  NO_ACTION,
  row,
  SIGN_IN,
  type Cells,
  type Expected,
  type MatrixFeature,
} from "./rows";

// Runs whose ids a redirect names or a write changes: fixed (cells are not filled from FIXTURES). Far in the future,
// so the page's clock never closes them.
const EDIT_RUN = "7e0a0000-0000-4000-8000-00000000e001";
const DEPART_RUN = "7e0a0000-0000-4000-8000-00000000e002";
const ARRIVE_RUN = "7e0a0000-0000-4000-8000-00000000e003";
const RUN_DAY = "2030-01-15";
const at = (hhmm: string, day = RUN_DAY) => new Date(`${day}T${hhmm}:00+08:00`);

/** Operators read and manage their warehouses' runs; admins read them. */
const READ = (operator: Expected, admin: Expected = operator): Cells => [
  SIGN_IN,
  403,
  403,
  operator,
  403,
  admin,
];
const MANAGE = (operator: Expected): Cells => [
  SIGN_IN,
  403,
  403,
  operator,
  403,
  403,
];
const RUN_FORM = {
  warehouseId: "{trunkWarehouse}",
  tempClass: "chilled",
  date: RUN_DAY,
  cutoffTime: "12:00",
  departTime: "14:00",
  arriveTime: "23:30",
  capacityKg: "12000",
  vehiclePlate: "闽G·30001",
};

// prettier-ignore
export const trunkMatrix: MatrixFeature = {
  rows: [
    //  file                                            method  path                                        anonymous buyer seller operator driver admin
    row("routes/ops_.trunk._index.tsx",                 "GET",  "/ops/trunk",                               READ(200)),
    row("routes/ops_.trunk._index.tsx",                 "GET",  `/ops/trunk?date=${RUN_DAY}`,               READ(200)),
    // A date that is not one shows today; a notice naming a run just says saved.
    row("routes/ops_.trunk._index.tsx",                 "GET",  "/ops/trunk?date=2030-02-30&created=nope",  READ(200)),
    row("routes/ops_.trunk._index.tsx",                 "GET",  "/ops/trunk?saved={trunkEditRun}",          READ(200)),
    row("routes/ops_.trunk._index.tsx",                 "POST", "/ops/trunk",                               MANAGE(200), { intent: "assign" }),
    row("routes/ops_.trunk._index.tsx",                 "POST", "/ops/trunk",                               MANAGE(400)),
    row("routes/ops_.trunk._index.tsx",                 "POST", "/ops/trunk",                               MANAGE(400), { intent: "toString" }),
    // Create: field errors are 400; an unknown warehouse is a field error too.
    row("routes/ops_.trunk._index.tsx",                 "POST", "/ops/trunk",                               MANAGE(400), { intent: "create", ...RUN_FORM, cutoffTime: "15:00" }),
    row("routes/ops_.trunk._index.tsx",                 "POST", "/ops/trunk",                               MANAGE(400), { intent: "create", ...RUN_FORM, warehouseId: "{trunkMissing}" }),
    row("routes/ops_.trunk._index.tsx",                 "POST", "/ops/trunk",                               MANAGE(400), { intent: "create" }),
    // Edit: the run → back to its day; bad capacity 400; unknown run 404; malformed id 400.
    row("routes/ops_.trunk._index.tsx",                 "POST", "/ops/trunk",                               MANAGE(`→ /ops/trunk?date=${RUN_DAY}&saved=${EDIT_RUN}#run-${EDIT_RUN}`), { intent: "update", departureId: "{trunkEditRun}", ...RUN_FORM, capacityKg: "10000" }),
    row("routes/ops_.trunk._index.tsx",                 "POST", "/ops/trunk",                               MANAGE(400), { intent: "update", departureId: "{trunkEditRun}", ...RUN_FORM, capacityKg: "lots" }),
    row("routes/ops_.trunk._index.tsx",                 "POST", "/ops/trunk",                               MANAGE(404), { intent: "update", departureId: "{trunkMissing}", ...RUN_FORM }),
    row("routes/ops_.trunk._index.tsx",                 "POST", "/ops/trunk",                               MANAGE(400), { intent: "update", departureId: "not-a-uuid", ...RUN_FORM }),
    // Depart and arrive: a run not yet departed cannot arrive (400); unknown 404; malformed 400.
    row("routes/ops_.trunk._index.tsx",                 "POST", "/ops/trunk",                               MANAGE(200), { intent: "depart", departureId: "{trunkDepartRun}" }),
    row("routes/ops_.trunk._index.tsx",                 "POST", "/ops/trunk",                               MANAGE(200), { intent: "arrive", departureId: "{trunkArriveRun}" }),
    row("routes/ops_.trunk._index.tsx",                 "POST", "/ops/trunk",                               MANAGE(400), { intent: "arrive", departureId: "{trunkEditRun}" }),
    row("routes/ops_.trunk._index.tsx",                 "POST", "/ops/trunk",                               MANAGE(404), { intent: "depart", departureId: "{trunkMissing}" }),
    row("routes/ops_.trunk._index.tsx",                 "POST", "/ops/trunk",                               MANAGE(400), { intent: "depart", departureId: "not-a-uuid" }),
    // Move a load: unknown seller order 404; malformed 400.
    row("routes/ops_.trunk._index.tsx",                 "POST", "/ops/trunk",                               MANAGE(404), { intent: "place", sellerOrderId: "{trunkMissing}", tempClass: "chilled", departureId: "{trunkEditRun}" }),
    row("routes/ops_.trunk._index.tsx",                 "POST", "/ops/trunk",                               MANAGE(400), { intent: "place", sellerOrderId: "x", tempClass: "warm", departureId: "{trunkEditRun}" }),

    row("routes/ops_.trunk.$departureId.manifest[.]pdf.tsx", "GET",  "/ops/trunk/{trunkEditRun}/manifest.pdf",    READ(200)),
    row("routes/ops_.trunk.$departureId.manifest[.]pdf.tsx", "GET",  "/ops/trunk/{trunkArriveRun}/manifest.pdf?lang=en", READ(200)),
    row("routes/ops_.trunk.$departureId.manifest[.]pdf.tsx", "GET",  "/ops/trunk/{trunkMissing}/manifest.pdf",     READ(404)),
    row("routes/ops_.trunk.$departureId.manifest[.]pdf.tsx", "GET",  "/ops/trunk/not-a-uuid/manifest.pdf",         READ(404)),
    row("routes/ops_.trunk.$departureId.manifest[.]pdf.tsx", "POST", "/ops/trunk/{trunkEditRun}/manifest.pdf",    NO_ACTION),
  ],
  async seed({ db, orgs, fixtures }) {
    const warehouse = await createWarehouse(db, { operatorId: orgs.platform, name: "江桥冷链仓（干线矩阵）" });
    fixtures.trunkWarehouse = warehouse.id;
    fixtures.trunkMissing = randomUUID();
    fixtures.trunkEditRun = (await createTrunkDeparture(db, { id: EDIT_RUN, warehouseId: warehouse.id, tempClass: "chilled", departsAt: at("14:00"), cutoffAt: at("12:00"), arrivesAt: at("23:30"), vehiclePlate: "闽G·30001" })).id;
    fixtures.trunkDepartRun = (await createTrunkDeparture(db, { id: DEPART_RUN, warehouseId: warehouse.id, tempClass: "frozen", departsAt: at("14:00"), cutoffAt: at("12:00"), arrivesAt: at("23:30") })).id;
    fixtures.trunkArriveRun = (await createTrunkDeparture(db, { id: ARRIVE_RUN, warehouseId: warehouse.id, tempClass: "ambient", departsAt: at("14:00"), cutoffAt: at("12:00"), arrivesAt: at("23:30"), status: "departed" })).id;
  },
};
