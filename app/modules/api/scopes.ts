/** What an API key may do, and how many a buyer may hold. Pure and free of node:crypto: the settings page uses it in the browser. */

/** What a key may do; every endpoint names the one scope it needs. */
export const API_SCOPES = ["catalog:read", "orders:read", "orders:write"] as const;
export type ApiScope = (typeof API_SCOPES)[number];

/** True when the value is one of API_SCOPES. */
export function isApiScope(value: string): value is ApiScope {
  return (API_SCOPES as readonly string[]).includes(value);
}

/** At most this many live (unrevoked) keys per organization. */
export const MAX_LIVE_KEYS = 20;
