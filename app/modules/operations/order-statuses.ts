import type { OrderStatus } from "~/generated/prisma/enums";

/** Order statuses in lifecycle order, as the operations page lists them. */
export const ORDER_STATUSES: readonly OrderStatus[] = ["placed", "confirmed", "in_delivery", "delivered", "cancelled"];
