// Server-renders /account/api-keys as a whole document and drives it as a browser without JavaScript
// would: the list shows prefixes only, a created key is shown once with the copy hint, a revoke goes back
// to the list, and a bad form comes back with its field errors.
import { createRequestHandler } from "@remix-run/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createOrganization, createUser } from "../../tests/factories";
import { sessionCookieFor } from "../../tests/support/route-harness";
import { testServerBuild, type TestRoute } from "../../tests/support/server-build";
import { createTestDatabase, type TestDatabase } from "../../tests/support/test-db";
import type { Database } from "~/utils/db.server";
import { createApiKey } from "~/modules/api/keys.server";
import * as apiKeys from "./account.api-keys";

const ROUTES: TestRoute[] = [{ id: "routes/account.api-keys", path: "account/api-keys", module: apiKeys }];

const store = globalThis as typeof globalThis & { __humingDb?: Promise<Database> };
let t: TestDatabase;
let handler: ReturnType<typeof createRequestHandler>;
let cookie: string;
let existing: { id: string; key: string; prefix: string };
let othersKey: { id: string; key: string; prefix: string };

beforeAll(async () => {
  t = await createTestDatabase();
  store.__humingDb = Promise.resolve(t.db);
  console.log(`[integration] API keys page render: database ${t.label}`);
  const db = t.db.prisma;
  const canteen = await createOrganization(db, { kind: "canteen", name: "复旦大学邯郸校区食堂" });
  const user = await createUser(db, { role: "buyer", organizationId: canteen.id, displayName: "王采购" });
  const made = await createApiKey(db, { organizationId: canteen.id, createdById: user.id, name: "食堂采购系统", scopes: ["catalog:read", "orders:read"] });
  if (!made.ok) throw new Error("not created");
  existing = made;
  const other = await createOrganization(db, { kind: "wholesale_market", name: "江桥批发市场" });
  const otherUser = await createUser(db, { role: "buyer", organizationId: other.id });
  const theirs = await createApiKey(db, { organizationId: other.id, createdById: otherUser.id, name: "江桥对接", scopes: ["catalog:read"] });
  if (!theirs.ok) throw new Error("not created");
  othersKey = theirs;
  cookie = await sessionCookieFor(db, user.id);
  handler = createRequestHandler(testServerBuild(ROUTES));
});
afterAll(async () => {
  store.__humingDb = undefined;
  await t?.drop();
});

const context = { cspNonce: "test-nonce", requestId: "test" };
const page = async (path: string) => {
  const res = await handler(new Request(`http://localhost${path}`, { headers: { cookie } }), context);
  return { status: res.status, html: await res.text(), location: res.headers.get("Location") };
};
const post = async (form: URLSearchParams) => {
  const res = await handler(new Request("http://localhost/account/api-keys", { method: "POST", headers: { cookie, origin: "http://localhost", host: "localhost" }, body: form }), context);
  return { status: res.status, html: await res.text(), location: res.headers.get("Location") };
};

/** Whether each scope checkbox of the create form is ticked, as the server rendered it. */
const scopeBoxes = (html: string) =>
  Object.fromEntries([...html.matchAll(/<input[^>]*type="checkbox"[^>]*>/g)].flatMap(([tag]): [string, boolean][] => {
    const value = /name="scopes"[^>]*value="([^"]+)"/.exec(tag)?.[1];
    return value ? [[value, /\schecked(=""|\b)/.test(tag)]] : [];
  }));

describe("/account/api-keys page", () => {
  it("lists the keys by name, prefix and scopes, never the key, with the form and the OpenAPI link", async () => {
    const { status, html } = await page("/account/api-keys");
    expect(status).toBe(200);
    expect(html).toContain("<h1");
    expect(html).toContain("API 密钥");
    expect(html).toContain("食堂采购系统");
    expect(html).toContain(`${existing.prefix}…`);
    expect(html).not.toContain(existing.key);
    expect(html).toContain("catalog:read · orders:read");
    expect(html).toContain('href="/api/v1/openapi.json"');
    expect(html).toMatch(/<input type="checkbox"[^>]*name="scopes"[^>]*value="orders:write"/);
    expect(html).toContain("尚未使用");
  });

  it("starts a new key with the read scopes ticked and placing/cancelling orders unticked (least privilege, no JavaScript needed)", async () => {
    const { html } = await page("/account/api-keys");
    expect(scopeBoxes(html)).toEqual({ "catalog:read": true, "orders:read": true, "orders:write": false });
    expect(html).toContain("新密钥默认只有查询权限");
  });

  it("shows a new key once, with the copy hint, in the answer to the form", async () => {
    const res = await handler(
      new Request("http://localhost/account/api-keys", { method: "POST", headers: { cookie, origin: "http://localhost", host: "localhost" }, body: new URLSearchParams([["intent", "create"], ["name", "ERP 对接"], ["scopes", "orders:read"], ["scopes", "orders:write"]]) }),
      context,
    );
    const [status, html] = [res.status, await res.text()];
    expect(status).toBe(200);
    expect(res.headers.get("Cache-Control")).toBe("no-store");
    const key = /value="(hm_[0-9A-Za-z]{32})"/.exec(html)?.[1];
    expect(key).toBeDefined();
    expect(html).toContain("密钥“ERP 对接”已创建");
    expect(html).toContain("离开本页后将无法再次查看");
    // The next page view lists it by prefix only.
    const again = await page("/account/api-keys");
    expect(again.html).toContain(`${key!.slice(0, 11)}…`);
    expect(again.html).not.toContain(key!);
  });

  it("re-renders a bad form with its field errors and keeps what was typed", async () => {
    const { status, html } = await post(new URLSearchParams([["intent", "create"], ["name", "没选权限的密钥"]]));
    expect(status).toBe(400);
    expect(html).toContain("请至少选择一项权限");
    expect(html).toContain('value="没选权限的密钥"');
    // The boxes come back as they were sent (none), not as the defaults.
    expect(scopeBoxes(html)).toEqual({ "catalog:read": false, "orders:read": false, "orders:write": false });
    // A write scope ticked on purpose stays ticked when another field is wrong.
    const kept = await post(new URLSearchParams([["intent", "create"], ["name", " "], ["scopes", "orders:write"]]));
    expect(kept.status).toBe(400);
    expect(scopeBoxes(kept.html)).toEqual({ "catalog:read": false, "orders:read": false, "orders:write": true });
  });

  it("answers revoking another organization's key exactly as an unknown key: 404 with 找不到该密钥, revoking nothing", async () => {
    const theirs = await post(new URLSearchParams({ intent: "revoke", keyId: othersKey.id }));
    const unknown = await post(new URLSearchParams({ intent: "revoke", keyId: "00000000-0000-4000-8000-000000000000" }));
    expect(theirs.status).toBe(404);
    expect(unknown.status).toBe(404);
    expect(theirs.html).toContain("找不到该密钥");
    expect(unknown.html).toContain("找不到该密钥");
    expect(theirs.html).not.toContain(othersKey.prefix);
    expect(theirs.html).not.toContain("江桥");
    const revokedAt = (await t.db.prisma.apiKey.findUniqueOrThrow({ where: { id: othersKey.id }, select: { revokedAt: true } })).revokedAt;
    expect(revokedAt).toBeNull();
  });

  it("revokes a key and says so on the list", async () => {
    const out = await post(new URLSearchParams({ intent: "revoke", keyId: existing.id }));
    expect(out.status).toBe(302);
    expect(out.location).toBe(`/account/api-keys?revoked=${existing.id}`);
    const { html } = await page(out.location!);
    expect(html).toContain("密钥“食堂采购系统”已吊销");
    expect(html).toContain("已吊销于");
  });
});
