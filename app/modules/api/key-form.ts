/** The settings form that creates an API key: a name and at least one scope. Pure (the page validates in the browser too). */
import { z } from "zod";
import { API_SCOPES, type ApiScope } from "./scopes";

/**
 * The scopes a new key starts with on the form: the read ones only (least privilege). Placing and
 * cancelling orders (orders:write) is ticked on purpose, never by default.
 */
export const DEFAULT_KEY_SCOPES: readonly ApiScope[] = API_SCOPES.filter((scope) => scope.endsWith(":read"));

/** Longest key name. */
export const MAX_KEY_NAME_LENGTH = 60;

export const createKeySchema = z.object({
  name: z
    .string({ error: "api.keys.error.name" })
    .trim()
    .min(1, { error: "api.keys.error.name" })
    .max(MAX_KEY_NAME_LENGTH, { error: "api.keys.error.name" }),
  scopes: z.array(z.enum(API_SCOPES, { error: "api.keys.error.scopes" }), { error: "api.keys.error.scopes" }).min(1, { error: "api.keys.error.scopes" }),
});

/** The form's values as createKeySchema reads them: the checkboxes named "scopes" arrive as a list. */
export function createKeyValues(form: FormData): { name: string; scopes: string[] } {
  const name = form.get("name");
  return { name: typeof name === "string" ? name : "", scopes: form.getAll("scopes").filter((v): v is string => typeof v === "string") };
}

export type CreateKeyInput = { name: string; scopes: ApiScope[] };
