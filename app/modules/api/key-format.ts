/**
 * The shape of an organization API key and how it is stored. Pure (node:crypto only) so the seed and
 * scripts can import it: a key is `hm_` + 32 base62 characters; the database keeps only its SHA-256
 * (hex) and the first 11 characters as a prefix to tell keys apart in lists.
 */
import { createHash, randomInt } from "node:crypto";

/** A well-formed key: `hm_` followed by exactly 32 characters of [0-9A-Za-z]. */
export const API_KEY_PATTERN = /^hm_[0-9A-Za-z]{32}$/;

/** Characters of the random part (base62). */
export const BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

/** Length of the prefix shown in lists: "hm_" and 8 random characters (guessing 8 of 32 leaves 24·log2(62) ≈ 143 bits). */
export const API_KEY_PREFIX_LENGTH = 11;

export { API_SCOPES, isApiScope, type ApiScope } from "./scopes";

/** A new random key (crypto-grade, unbiased: randomInt draws each character uniformly). */
export function generateApiKey(): string {
  let body = "";
  for (let i = 0; i < 32; i++) body += BASE62[randomInt(BASE62.length)];
  return `hm_${body}`;
}

/** The stored form of a key: SHA-256 of its UTF-8 text, lowercase hex. */
export function hashApiKey(key: string): string {
  return createHash("sha256").update(key, "utf8").digest("hex");
}

/** The part of a key shown in lists (its first 11 characters). */
export function apiKeyPrefix(key: string): string {
  return key.slice(0, API_KEY_PREFIX_LENGTH);
}

/** True when the text has the shape of a key (checked before any database lookup). */
export function isWellFormedApiKey(value: string): boolean {
  return API_KEY_PATTERN.test(value);
}
