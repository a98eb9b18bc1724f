/**
 * The vocabulary of the authorization matrix (tests/integration/authorization-matrix.test.ts), shared
 * by the per-feature row files in this folder. See the matrix test's header for how to add rows.
 */
import { randomUUID } from "node:crypto";
import type { PrismaClient } from "../../../app/generated/prisma/client";
import { DEMO_PASSWORD } from "../../demo-accounts";

export const ACTORS = ["anonymous", "buyer", "seller", "operator", "driver", "admin"] as const;
export type Actor = (typeof ACTORS)[number];

export const SIGN_IN = "sign-in";
export type Expected = 200 | 400 | 401 | 403 | 404 | 405 | typeof SIGN_IN | `→ /${string}`;
export type Cells = [anonymous: Expected, buyer: Expected, seller: Expected, operator: Expected, driver: Expected, admin: Expected];

export interface Row {
  file: string;
  method: "GET" | "POST";
  path: string;
  cells: Cells;
  form?: Record<string, string>;
}

export function row(file: string, method: Row["method"], path: string, cells: Cells, form?: Record<string, string>): Row {
  return { file, method, path, cells, form };
}

// Records the rows refer to, filled in by beforeAll. The seller actor belongs to the organization of
// {ownProduct} and {ownDraft}; {otherProduct} belongs to a second seller organization.
export const FIXTURES: Record<string, string> = {
  ownProduct: "",
  ownDraft: "",
  otherProduct: "",
  /** A well-formed id of no product. */
  missingProduct: randomUUID(),
  buyerPhone: "13500000002",
  password: DEMO_PASSWORD,
};

/** The same answer for every actor. */
export const all = (expected: Expected): Cells => [expected, expected, expected, expected, expected, expected];
export const NO_ACTION = all(405);
/** Visitors get the page; signed-in users go to their role home. */
export const HOMES: Cells = [200, "→ /catalog", "→ /seller", "→ /ops", "→ /driver", "→ /admin"];

/** What a feature's seed() gets: the database, the matrix's organizations and users, and FIXTURES to add placeholders to. */
export interface MatrixSeedContext {
  db: PrismaClient;
  orgs: { sellerA: string; sellerB: string; buyer: string; platform: string };
  users: Record<Exclude<Actor, "anonymous">, string>;
  fixtures: Record<string, string>;
}

/** A feature's rows and the records they need (seeded after the shared ones). */
export interface MatrixFeature {
  rows: Row[];
  seed?: (ctx: MatrixSeedContext) => Promise<void>;
}
