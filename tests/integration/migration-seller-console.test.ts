import { cpSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { openDatabase, type Database } from "../../app/utils/db.server";
import { applyMigrations } from "../../app/utils/migrate.server";

// The seller-console migration turns signed stock rows into on-hand and reserved changes and fills
// the new balance rows: check it on data written in the old shape, as a live database would hold it.
const MIGRATION = "20261202002114_seller_console";
const dirs: string[] = [];
const opened: Database[] = [];
afterAll(async () => {
  for (const db of opened) await db.close();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

function migrationsUpTo(name: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), "hm-mig-"));
  dirs.push(dir);
  cpSync("prisma/migrations", dir, { recursive: true, filter: (src) => !path.basename(src).match(/^\d{14}_/) || path.basename(src) < name });
  return dir;
}

describe(`migration ${MIGRATION}`, () => {
  it("splits the old ledger into on-hand and reserved changes, fills balances and keeps existing organizations verified", async () => {
    const db = await openDatabase({ dataDir: "memory://", migrate: "none" });
    opened.push(db);
    await applyMigrations(db.pool, migrationsUpTo(MIGRATION));
    const q = (sql: string, params: unknown[] = []) => db.pool.query(sql, params);
    await q(`INSERT INTO organizations (id, kind, name, county, address) VALUES ('00000000-0000-4000-8000-000000000001', 'cooperative', '泰宁县岩谷香菇合作社', '泰宁县', '福建省三明市泰宁县')`);
    await q(`INSERT INTO products (id, seller_id, category, name_zh, name_en, origin_county, temp_class, shelf_life_days)
             VALUES ('00000000-0000-4000-8000-000000000002', '00000000-0000-4000-8000-000000000001', 'mushrooms', '泰宁香菇', 'Taining shiitake', '泰宁县', 'ambient', 365)`);
    await q(`INSERT INTO variants (id, product_id, sku, unit, label, net_weight_grams, volume_cm3)
             VALUES ('00000000-0000-4000-8000-000000000003', '00000000-0000-4000-8000-000000000002', 'TN-1', 'box', '5 kg/箱', 5000, 30000)`);
    const variant = "00000000-0000-4000-8000-000000000003";
    // 100 received, 10 reserved, 4 released, 30 shipped, 5 spoiled.
    for (const [kind, delta] of [["receipt", 100], ["reservation", -10], ["release", 4], ["shipment", -30], ["spoilage", -5]] as const) {
      await q(`INSERT INTO stock_ledger (variant_id, kind, quantity_delta) VALUES ($1, $2, $3)`, [variant, kind, delta]);
    }
    await applyMigrations(db.pool);
    const ledger = await q(`SELECT kind, on_hand_delta, reserved_delta FROM stock_ledger ORDER BY id`);
    expect(ledger.rows).toEqual([
      { kind: "receipt", on_hand_delta: 100, reserved_delta: 0 },
      { kind: "reservation", on_hand_delta: 0, reserved_delta: 10 },
      { kind: "release", on_hand_delta: 0, reserved_delta: -4 },
      { kind: "shipment", on_hand_delta: -30, reserved_delta: 0 },
      { kind: "spoilage", on_hand_delta: -5, reserved_delta: 0 },
    ]);
    expect((await q(`SELECT on_hand, reserved FROM stock_balances WHERE variant_id = $1`, [variant])).rows).toEqual([{ on_hand: 65, reserved: 6 }]);
    expect((await q(`SELECT item_count, item_net_weight_grams, min_order_quantity, order_multiple FROM variants`)).rows).toEqual([
      { item_count: 1, item_net_weight_grams: 5000, min_order_quantity: 1, order_multiple: 1 },
    ]);
    expect((await q(`SELECT verification_status FROM organizations`)).rows).toEqual([{ verification_status: "verified" }]);
    // The new CHECKs hold from now on.
    await expect(q(`UPDATE stock_balances SET reserved = 70`)).rejects.toThrow(/stock_balances_available_check/);
    await expect(q(`UPDATE variants SET item_count = 2`)).rejects.toThrow(/variants_weight_sum_check/);
  });
});
