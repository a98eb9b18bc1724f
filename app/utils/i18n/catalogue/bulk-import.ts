/** Messages of the bulk-import feature (merged into app/utils/i18n/messages.ts): Simplified Chinese first, English second. */
export const bulkImportMessages = {} satisfies Record<string, { zh: string; en: string }>;
