/**
 * Which strings a signed-out visitor's browser gets (first-load JavaScript on weak networks, issue 8): the
 * catalogue but the namespaces of the signed-in areas. A signed-out page can only reach other public pages or
 * sign-in and registration, which reload the whole document once a session starts, so those pages load the
 * whole table (root.tsx marks the document, entry.client loads the table it names). public-messages.render.test
 * checks that every string a signed-out page renders is in this table.
 */

/** Namespaces (the key's first segment) only signed-in pages use. */
export const SIGNED_IN_NAMESPACES: ReadonlySet<string> = new Set([
  "listing",
  "deliverySetup",
  "import",
  "checkout",
  "fulfilment",
  "planning",
  "trunk",
  "driverApp",
  "api",
  "adminReview",
  "stock",
  "dashboard",
  "routeMap",
  "notifications",
  "deliveryProof",
  "ops",
  "admin",
]);

/** Keys of those namespaces that public pages show too (the product page's pack facts, its sign-in prompt). */
const PUBLIC_PREFIXES = ["listing.facts.", "checkout.add."];

/** Whether a signed-out visitor's table holds this key. */
export function isPublicMessage(key: string): boolean {
  return !SIGNED_IN_NAMESPACES.has(key.split(".", 1)[0]!) || PUBLIC_PREFIXES.some((p) => key.startsWith(p));
}

/** The table a document loads: `public` for a signed-out visitor, `all` otherwise (an error page: `all`). */
export type MessageScope = "public" | "all";
