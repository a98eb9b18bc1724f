/** Messages of the photos feature (merged into app/utils/i18n/messages.ts): Simplified Chinese first, English second. */
export const photosMessages = {} satisfies Record<string, { zh: string; en: string }>;
