/**
 * The pricing module: tier and contract prices, per-kilogram prices, price changes and the integer rounding
 * they share. Pure; the only source of every displayed and charged price.
 */
export * from "./changes";
export * from "./contracts";
export * from "./price";
export * from "./rounding";
