/** Messages of the lots feature (merged into app/utils/i18n/messages.ts): Simplified Chinese first, English second. */
export const lotsMessages = {} satisfies Record<string, { zh: string; en: string }>;
