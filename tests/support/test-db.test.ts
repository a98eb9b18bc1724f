import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "./test-db";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
  console.log(`[integration] database: ${t.label}`);
});
afterAll(async () => t?.drop());

describe("test database", () => {
  it("is migrated and usable through Prisma", async () => {
    const org = await t.db.prisma.organization.create({
      data: { kind: "canteen", name: "复旦大学北区食堂", county: "杨浦区", address: "上海市杨浦区邯郸路220号", lat: 31.2989, lng: 121.5015 },
      select: { id: true, name: true },
    });
    expect(org.name).toBe("复旦大学北区食堂");
    await expect(
      t.db.prisma.organization.create({ data: { kind: "canteen", name: " ", county: "杨浦区", address: "x" }, select: { id: true } }),
    ).rejects.toThrow();
  });
});
