import type { OrderStatus } from "~/generated/prisma/enums";

/** Order statuses in lifecycle order, as the operations page lists them. */
export const ORDER_STATUSES: readonly OrderStatus[] = ["placed", "partially_confirmed", "confirmed", "packed", "received", "out_for_delivery", "partially_delivered", "delivered", "closed", "cancelled"];
