/** The columns of a delivery slot that say when it runs and how much it carries and has booked (every slot list reads them). */
import type { Prisma } from "~/generated/prisma/client";

export const SLOT_LOAD_SELECT = {
  id: true,
  district: true,
  startsAt: true,
  endsAt: true,
  cutoffAt: true,
  capacityAmbientGrams: true,
  capacityChilledGrams: true,
  capacityFrozenGrams: true,
  bookedAmbientGrams: true,
  bookedChilledGrams: true,
  bookedFrozenGrams: true,
} as const satisfies Prisma.DeliverySlotSelect;
