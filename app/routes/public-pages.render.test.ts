// Public pages as the Remix server serves them: signed out they are marked for shared caches (the boundary
// then adds ETags, 304s and its short-lived copy); signed in, the same pages are private and never stored.
import { createRequestHandler } from "@remix-run/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createOrganization, createUser } from "../../tests/factories";
import { sessionCookieFor } from "../../tests/support/route-harness";
import { testServerBuild, type TestRoute } from "../../tests/support/server-build";
import { createTestDatabase, type TestDatabase } from "../../tests/support/test-db";
import type { Database } from "~/utils/db.server";
import * as landing from "./_index";

const ROUTES: TestRoute[] = [{ id: "routes/_index", index: true, module: landing }];

const store = globalThis as typeof globalThis & { __humingDb?: Promise<Database> };
let t: TestDatabase;
let handler: ReturnType<typeof createRequestHandler>;
let buyerCookie: string;

beforeAll(async () => {
  t = await createTestDatabase();
  store.__humingDb = Promise.resolve(t.db);
  const db = t.db.prisma;
  const canteen = await createOrganization(db, { kind: "canteen", name: "复旦大学第一食堂" });
  const buyer = await createUser(db, { role: "buyer", organizationId: canteen.id, displayName: "王采购" });
  buyerCookie = await sessionCookieFor(db, buyer.id);
  handler = createRequestHandler(testServerBuild(ROUTES));
});
afterAll(async () => {
  store.__humingDb = undefined;
  await t?.drop();
});

const get = (path: string, cookie?: string) => handler(new Request(`http://localhost${path}`, { headers: cookie ? { cookie } : {} }), { cspNonce: "n", requestId: "r" });

describe("public pages' caching headers", () => {
  it("marks the signed-out landing page and its data public, varying on the cookie", async () => {
    for (const path of ["/", "/_root.data"]) {
      const res = await get(path);
      expect(res.status, path).toBe(200);
      expect(res.headers.get("Cache-Control"), path).toBe("public, max-age=30, stale-while-revalidate=60");
      expect(res.headers.get("Vary"), path).toContain("Cookie");
    }
  });

  it("never lets a shared cache keep what a signed-in user sees", async () => {
    // A signed-in buyer is sent on to the catalogue: never a public answer.
    const res = await get("/", `hm_locale=zh; ${buyerCookie}`);
    expect(res.status).toBe(302);
    expect(res.headers.get("Cache-Control") ?? "").not.toContain("public");
  });
});
