/** The planning screen's form schemas (pure; shared by the route actions and their tests). */
import { z } from "zod";
import { isDay } from "~/modules/lots/rules";

/** Solve seconds an operator may choose (the table's CHECK allows 1–600). */
export const SOLVE_SECONDS = { min: 1, max: 120, default: 15 } as const;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const uuid = (message: string) => z.string().trim().regex(UUID, message).transform((s) => s.toLowerCase());

/** Solve seconds as typed: empty means the default; otherwise whole seconds 1–120. */
const solveSeconds = z
  .string()
  .trim()
  .optional()
  .transform((s, ctx) => {
    if (s === undefined || s === "") return undefined;
    const n = /^\d{1,3}$/.test(s) ? Number(s) : Number.NaN;
    if (!Number.isInteger(n) || n < 1 || n > 120) {
      ctx.issues.push({ code: "custom", message: "planning.error.seconds", input: s });
      return z.NEVER;
    }
    return n;
  });

export const createPlanSchema = z.object({
  warehouseId: uuid("planning.error.warehouse"),
  date: z.string().trim().refine(isDay, "planning.error.date"),
  solveSeconds,
});

export const solveSchema = z.object({ solveSeconds });

export const lockSchema = z.object({
  stopId: uuid("planning.error.stop"),
  vehicleId: z.union([z.literal(""), uuid("planning.error.van")]).transform((v) => (v === "" ? null : v)),
});

export const moveSchema = z.object({
  stopId: uuid("planning.error.stop"),
  direction: z.enum(["up", "down"], { message: "planning.error.direction" }),
});

export const publishSchema = z.object({
  revision: z.string().regex(/^\d{1,16}$/, "planning.refuse.stale"),
  confirm: z.literal("1").optional(),
});

/** True for a well-formed uuid (route params). */
export function isPlanId(value: string | undefined): value is string {
  return value !== undefined && UUID.test(value);
}
