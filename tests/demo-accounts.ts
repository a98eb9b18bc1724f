import type { Role } from "../app/generated/prisma/enums";

/** Password of every demo account (README, Playwright tests). */
export const DEMO_PASSWORD = "huming2026";

/** One demo account per role; the README and the end-to-end tests sign in with these. */
export interface DemoAccount {
  role: Role;
  phone: string;
  displayName: string;
  organizationName: string;
}

/** The demo accounts the seed creates, one per role plus a second seller. */
export const DEMO_ACCOUNTS: readonly DemoAccount[] = [
  { role: "seller", phone: "13800000001", displayName: "林建华", organizationName: "三明市沙县区闽沙小吃食品有限公司" },
  { role: "buyer", phone: "13800000002", displayName: "王晓敏", organizationName: "复旦大学邯郸校区食堂" },
  { role: "operator", phone: "13800000003", displayName: "陈志强", organizationName: "沪明直供运营中心" },
  { role: "driver", phone: "13800000004", displayName: "张国庆", organizationName: "沪明直供运营中心" },
  { role: "admin", phone: "13800000005", displayName: "李娜", organizationName: "沪明直供运营中心" },
  { role: "seller", phone: "13800000006", displayName: "黄德明", organizationName: "建宁县通心白莲专业合作社" },
];

/**
 * The demo canteen's API key for the buyer API (`Authorization: Bearer …`). Published in the README: it exists
 * only in demo databases (`npm run db:seed -- --demo`), never in production.
 */
export const DEMO_API_KEY = "hm_DemoFudanCanteen0000000000000000";
