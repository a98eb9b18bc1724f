/** Messages of the stock feature (merged into app/utils/i18n/messages.ts): Simplified Chinese first, English second. */
export const stockMessages = {} satisfies Record<string, { zh: string; en: string }>;
