/** Demo accounts created by the seed (one per role), listed in the README and used by the e2e tests. */
export const DEMO_PASSWORD = "huming2026";

export const DEMO_ACCOUNTS = [
  { role: "seller", phone: "13800000001" },
  { role: "buyer", phone: "13800000002" },
  { role: "operator", phone: "13800000003" },
  { role: "driver", phone: "13800000004" },
  { role: "admin", phone: "13800000005" },
  { role: "seller", phone: "13800000006", note: "second seller" },
] as const;
