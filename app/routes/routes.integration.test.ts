import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createOrganization, createProduct, createUser } from "../../tests/factories";
import { createTestDatabase, type TestDatabase } from "../../tests/support/test-db";
import type { Database } from "~/utils/db.server";
import { loader as rootLoader } from "~/root";
import { action as localeAction } from "./locale";
import { action as loginAction } from "./login";
import { action as logoutAction } from "./logout";
import { action as registerAction } from "./register";
import { loader as sellerProductLoader } from "./seller.products.$productId";
import { loader as adminLoader } from "./admin";

// Route modules reach the database through getDatabase(); point it at this file's fresh database.
const store = globalThis as typeof globalThis & { __humingDb?: Promise<Database> };
let t: TestDatabase;
const ids = {} as { productA: string; productB: string };
let orgA: string;

beforeAll(async () => {
  t = await createTestDatabase();
  store.__humingDb = Promise.resolve(t.db);
  console.log(`[integration] routes: database ${t.label}`);
  const db = t.db.prisma;
  const a = await createOrganization(db, { kind: "snack_supplier", name: "沙县区夏茂小吃食品厂", county: "沙县区" });
  const b = await createOrganization(db, { kind: "cooperative", name: "建宁县通心白莲专业合作社", county: "建宁县" });
  orgA = a.id;
  await createUser(db, { phone: "13700000001", role: "seller", organizationId: a.id });
  await createUser(db, { phone: "13700000006", role: "seller", organizationId: b.id });
  ids.productA = (await createProduct(db, { sellerId: a.id })).id;
  ids.productB = (await createProduct(db, { sellerId: b.id })).id;
});
afterAll(async () => {
  store.__humingDb = undefined;
  await t?.drop();
});

// No load context: the client address is "unknown", as when no server passes one (see clientIp).
const args = (request: Request, params: Record<string, string> = {}) => ({ request, params, context: {} });
/** Like args, with the client address the Express server would pass from req.ip. */
const argsFrom = (clientIp: string, request: Request) => ({ request, params: {}, context: { clientIp } });
const post = (path: string, fields: Record<string, string>, cookie = "", origin = "http://localhost") =>
  new Request(`${origin}${path}`, { method: "POST", body: new URLSearchParams(fields), headers: { cookie, "x-forwarded-for": "198.51.100.9" } });
const get = (path: string, cookie = "") => new Request(`http://localhost${path}`, { headers: { cookie } });

/** Runs a loader or action and returns what it threw or returned, so redirects and errors can be inspected alike. */
async function outcome(run: () => Promise<unknown>): Promise<unknown> {
  try {
    return await run();
  } catch (thrown) {
    return thrown;
  }
}

function statusOf(value: unknown): number | undefined {
  if (value instanceof Response) return value.status;
  return (value as { init?: { status?: number } } | null)?.init?.status;
}

const cookiesOf = (res: Response) =>
  res.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");

async function signInAs(phone: string): Promise<string> {
  const res = await outcome(() => loginAction(args(post("/login", { phone, password: "huming2026" }))));
  expect(res).toBeInstanceOf(Response);
  return cookiesOf(res as Response);
}

describe("sign-in through the /login action", () => {
  it("redirects to the role home with an httpOnly, SameSite=Lax session cookie for the session's absolute lifetime", async () => {
    const res = (await outcome(() => loginAction(args(post("/login", { phone: "+86 137 0000 0001", password: "huming2026" }))))) as Response;
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe("/seller");
    const session = res.headers.getSetCookie().find((c) => c.startsWith("hm_session="));
    expect(session).toMatch(/HttpOnly/i);
    expect(session).toMatch(/SameSite=Lax/i);
    // 30 days exactly: the idle timeout is enforced on the server, the cookie lives until the absolute end.
    expect(session).toMatch(/Max-Age=2592000;/);
    // COOKIE_SECURE=auto (the default) and a plain-HTTP request: not Secure, or the browser would drop it.
    expect(session).not.toMatch(/;\s*Secure/i);
  });

  it("marks the cookie Secure when the request came over HTTPS (COOKIE_SECURE=auto)", async () => {
    const res = (await outcome(() => loginAction(args(post("/login", { phone: "13700000001", password: "huming2026" }, "", "https://localhost"))))) as Response;
    expect(res.headers.getSetCookie().find((c) => c.startsWith("hm_session="))).toMatch(/; Secure/i);
    const out = (await logoutAction(args(post("/logout", {}, cookiesOf(res), "https://localhost")))) as Response;
    expect(out.headers.get("set-cookie")).toMatch(/; Secure/i);
  });

  it("honours a same-site redirectTo and ignores a foreign one", async () => {
    const inside = (await outcome(() => loginAction(args(post("/login?redirectTo=%2Fseller%2Fproducts%2Fx", { phone: "13700000001", password: "huming2026" }))))) as Response;
    expect(inside.headers.get("location")).toBe("/seller/products/x");
    const outside = (await outcome(() => loginAction(args(post("/login", { phone: "13700000001", password: "huming2026", redirectTo: "https://evil.example/" }))))) as Response;
    expect(outside.headers.get("location")).toBe("/seller");
  });

  it("ends the browser's previous session when it signs in again", async () => {
    const first = await signInAs("13700000001");
    const second = (await outcome(() => loginAction(args(post("/login", { phone: "13700000006", password: "huming2026" }, first))))) as Response;
    expect(second.headers.get("location")).toBe("/seller");
    const stale = await outcome(() => sellerProductLoader(args(get(`/seller/products/${ids.productA}`, first), { productId: ids.productA })));
    expect(statusOf(stale)).toBe(302);
  });

  it("answers a wrong password with 401 and a message, setting no cookie", async () => {
    const res = await outcome(() => loginAction(args(post("/login", { phone: "13700000001", password: "wrong" }))));
    expect(statusOf(res)).toBe(401);
    expect((res as { data: { formError: string; values: Record<string, string> } }).data).toEqual({ formError: "手机号或密码不正确。", values: { phone: "13700000001" } });
  });

  it("answers the 6th wrong password from one address with 429, an exact Retry-After and when to try again", async () => {
    await createUser(t.db.prisma, { phone: "13700000030", role: "seller", organizationId: orgA });
    const started = Date.now();
    for (let i = 0; i < 5; i++) {
      expect(statusOf(await outcome(() => loginAction(argsFrom("203.0.113.50", post("/login", { phone: "13700000030", password: `wrong-${i}` })))))).toBe(401);
    }
    const res = (await outcome(() => loginAction(argsFrom("203.0.113.50", post("/login", { phone: "13700000030", password: "huming2026" }))))) as {
      data: { formError: string };
      init: { status: number; headers: Record<string, string> };
    };
    expect(res.init.status).toBe(429);
    // The block ends 15 minutes after the first failure; Retry-After counts down to exactly that.
    const retryAfter = Number(res.init.headers["Retry-After"]);
    expect(Number.isInteger(retryAfter)).toBe(true);
    expect(retryAfter).toBeLessThanOrEqual(900);
    expect(retryAfter).toBeGreaterThanOrEqual(900 - Math.ceil((Date.now() - started) / 1000) - 1);
    expect(res.data.formError).toMatch(/^登录失败次数过多，请在 \d{2}:\d{2}（约 15 分钟后）再试。$/);
    // The owner, elsewhere, is not locked out.
    const owner = (await outcome(() => loginAction(argsFrom("198.51.100.50", post("/login", { phone: "13700000030", password: "huming2026" }))))) as Response;
    expect(owner.status).toBe(302);
  });

  it("answers field errors with 400", async () => {
    const res = await outcome(() => loginAction(args(post("/login", { phone: "12345", password: "" }))));
    expect(statusOf(res)).toBe(400);
    expect((res as { data: { errors: object } }).data.errors).toEqual({ phone: "validation.phone", password: "validation.required" });
  });
});

describe("pages behind permissions", () => {
  it("sends a visitor to /login with the page to come back to", async () => {
    const res = (await outcome(() => sellerProductLoader(args(get(`/seller/products/${ids.productA}`), { productId: ids.productA })))) as Response;
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe(`/login?redirectTo=${encodeURIComponent(`/seller/products/${ids.productA}`)}`);
  });

  it("shows a seller its own product and answers 403 for another seller's", async () => {
    const cookie = await signInAs("13700000001");
    const own = (await sellerProductLoader(args(get(`/seller/products/${ids.productA}`, cookie), { productId: ids.productA }))) as { product: { id: string } };
    expect(own.product.id).toBe(ids.productA);
    const other = await outcome(() => sellerProductLoader(args(get(`/seller/products/${ids.productB}`, cookie), { productId: ids.productB })));
    expect(statusOf(other)).toBe(403);
    const malformed = await outcome(() => sellerProductLoader(args(get("/seller/products/nope", cookie), { productId: "nope" })));
    expect(statusOf(malformed)).toBe(404);
  });

  it("answers 403 to a seller on the admin page, and the root loader mirrors the seller's permissions", async () => {
    const cookie = await signInAs("13700000006");
    expect(statusOf(await outcome(() => adminLoader(args(get("/admin", cookie)))))).toBe(403);
    const root = await rootLoader(args(get("/seller", cookie)));
    expect(root.user?.roles).toEqual(["seller"]);
    expect(root.user?.permissions).toContain("read:listing:own");
    expect(root.user?.permissions).not.toContain("manage:users");
    expect(root.locale).toBe("zh");
  });
});

describe("sign-out and language", () => {
  it("deletes the session on sign-out", async () => {
    const cookie = await signInAs("13700000001");
    const res = (await logoutAction(args(post("/logout", {}, cookie)))) as Response;
    expect(res.headers.get("location")).toBe("/");
    expect(res.headers.get("set-cookie")).toMatch(/hm_session=;/);
    expect(statusOf(await outcome(() => sellerProductLoader(args(get(`/seller/products/${ids.productA}`, cookie), { productId: ids.productA }))))).toBe(302);
  });

  it("ends only this browser's session on a plain sign-out", async () => {
    const here = await signInAs("13700000001");
    const elsewhere = await signInAs("13700000001");
    await logoutAction(args(post("/logout", {}, here)));
    const page = (cookie: string) => outcome(() => sellerProductLoader(args(get(`/seller/products/${ids.productA}`, cookie), { productId: ids.productA })));
    expect(statusOf(await page(here))).toBe(302);
    expect(await page(elsewhere)).toMatchObject({ product: { id: ids.productA } });
  });

  it("signs out everywhere with scope=all: every session of the user ends, other users' stay", async () => {
    const phone = await signInAs("13700000001");
    const laptop = await signInAs("13700000001");
    const someoneElse = await signInAs("13700000006");
    const res = (await logoutAction(args(post("/logout", { scope: "all" }, laptop)))) as Response;
    expect(res.headers.get("location")).toBe("/");
    expect(res.headers.get("set-cookie")).toMatch(/hm_session=;/);
    const page = (cookie: string) => outcome(() => sellerProductLoader(args(get(`/seller/products/${ids.productA}`, cookie), { productId: ids.productA })));
    expect(statusOf(await page(phone))).toBe(302);
    expect(statusOf(await page(laptop))).toBe(302);
    expect((await rootLoader(args(get("/seller", someoneElse)))).user?.roles).toEqual(["seller"]);
  });

  it("remembers the language in the cookie and on the account", async () => {
    const cookie = await signInAs("13700000006");
    const res = (await localeAction(args(post("/locale", { locale: "en", redirectTo: "/seller" }, cookie)))) as Response;
    expect(res.headers.get("location")).toBe("/seller");
    expect(res.headers.get("set-cookie")).toMatch(/^hm_locale=/);
    const user = await t.db.prisma.user.findUniqueOrThrow({ where: { phone: "13700000006" }, select: { locale: true } });
    expect(user.locale).toBe("en");
    // A new browser (no language cookie) signing in gets the account's language.
    const fresh = await signInAs("13700000006");
    const freshLocale = fresh.split("; ").filter((c) => c.startsWith("hm_locale="));
    expect(freshLocale).toHaveLength(1);
    expect((await rootLoader(args(get("/", freshLocale[0])))).locale).toBe("en");
    const sessionOnly = cookie.split("; ").filter((c) => c.startsWith("hm_session="));
    const root = await rootLoader(args(get("/seller", [...sessionOnly, cookiesOf(res)].join("; "))));
    expect(root.locale).toBe("en");
  });
});

describe("registration through the /register action", () => {
  const form = {
    kind: "wholesale_market",
    orgName: "上海西郊国际农产品交易中心",
    county: "青浦区",
    address: "上海市青浦区华新镇华志路 1 号",
    displayName: "陆文杰",
    phone: "137 0000 0020",
    password: "huming2026",
    passwordConfirm: "huming2026",
  };

  it("registers a buyer organization and signs its user in on the catalogue", async () => {
    const res = (await outcome(() => registerAction(args(post("/register", form))))) as Response;
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe("/catalog");
    expect(res.headers.get("set-cookie")).toMatch(/^hm_session=/);
  });

  it("ends the browser's previous session when it registers", async () => {
    const before = await signInAs("13700000006");
    const res = (await outcome(() => registerAction(args(post("/register", { ...form, phone: "137 0000 0021", orgName: "曹杨社区团购" }, before))))) as Response;
    expect(res.status).toBe(302);
    expect(res.headers.get("set-cookie")).toMatch(/Max-Age=2592000;/);
    expect((await rootLoader(args(get("/", before)))).user).toBeNull();
    expect((await rootLoader(args(get("/", cookiesOf(res))))).user?.roles).toEqual(["buyer"]);
  });

  it("answers the 6th registration from one address within an hour with 429, Retry-After and a message", async () => {
    // Taken phones: each try still counts (it reached the database), so the limit also slows probing for numbers.
    for (let i = 0; i < 5; i++) {
      expect(statusOf(await outcome(() => registerAction(argsFrom("203.0.113.60", post("/register", { ...form, phone: "13700000001" })))))).toBe(409);
    }
    const res = (await outcome(() => registerAction(argsFrom("203.0.113.60", post("/register", { ...form, phone: "137 0000 0022" }))))) as {
      data: { formError: string; values: Record<string, string> };
      init: { status: number; headers: Record<string, string> };
    };
    expect(res.init.status).toBe(429);
    const retryAfter = Number(res.init.headers["Retry-After"]);
    expect(retryAfter).toBeGreaterThan(3500);
    expect(retryAfter).toBeLessThanOrEqual(3600);
    expect(res.data.formError).toMatch(/^此网络注册次数过多，请在 \d{2}:\d{2}（约 60 分钟后）再试。$/);
    expect(res.data.values.orgName).toBe(form.orgName);
    expect(await t.db.prisma.user.count({ where: { phone: "13700000022" } })).toBe(0);
    // Another address registers as usual.
    expect(statusOf(await outcome(() => registerAction(argsFrom("198.51.100.60", post("/register", { ...form, phone: "137 0000 0022" })))))).toBe(302);
  });

  it("answers a duplicate phone with 409 and the field error, keeping the typed values but not the password", async () => {
    const res = await outcome(() => registerAction(args(post("/register", { ...form, orgName: "江桥批发市场" }))));
    expect(statusOf(res)).toBe(409);
    const body = (res as { data: { errors: object; values: Record<string, string> } }).data;
    expect(body.errors).toEqual({ phone: "register.phoneTaken" });
    expect(body.values.orgName).toBe("江桥批发市场");
    expect(body.values.password).toBeUndefined();
  });
});
