/** Messages of the onboarding feature (merged into app/utils/i18n/messages.ts): Simplified Chinese first, English second. */
export const onboardingMessages = {} satisfies Record<string, { zh: string; en: string }>;
