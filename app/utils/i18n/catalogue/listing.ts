/** Messages of the listing feature (merged into app/utils/i18n/messages.ts): Simplified Chinese first, English second. */
export const listingMessages = {} satisfies Record<string, { zh: string; en: string }>;
