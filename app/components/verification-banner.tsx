import type { VerificationState } from "~/modules/sellers/status";
import { formatDate } from "~/utils/i18n/format";
import type { Locale } from "~/utils/i18n/locale";
import type { MessageKey } from "~/utils/i18n/messages";
import type { T } from "~/utils/i18n/translate";

const STYLE: Record<VerificationState, string> = {
  incomplete: "border-amber-300 bg-amber-50 text-amber-900",
  submitted: "border-sky-300 bg-sky-50 text-sky-900",
  verified: "border-brand-200 bg-brand-50 text-brand-900",
  rejected: "border-red-300 bg-red-50 text-red-900",
  suspended: "border-red-300 bg-red-50 text-red-900",
};

const BADGE: Record<VerificationState, string> = {
  incomplete: "bg-amber-50 text-amber-800 ring-amber-200",
  submitted: "bg-sky-50 text-sky-800 ring-sky-200",
  verified: "bg-brand-50 text-brand-800 ring-brand-200",
  rejected: "bg-red-50 text-red-800 ring-red-200",
  suspended: "bg-red-50 text-red-800 ring-red-200",
};

/** A short label for a verification state: 未提交 / 待审核 / 已认证 / 未通过 / 已暂停. */
export function VerificationBadge({ state, t }: { state: VerificationState; t: T }) {
  return (
    <span className={`inline-flex shrink-0 items-center whitespace-nowrap rounded-md px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${BADGE[state]}`}>
      {t(`onboarding.status.${state}`)}
    </span>
  );
}

export interface VerificationFacts {
  state: VerificationState;
  submittedAt: Date | string | null;
  reviewNote: string;
  suspensionReason: string;
}

/** Where a seller stands, on its profile page: 待审核 / 已认证 / 未通过：原因 / 已暂停：原因 / 待提交. */
export function VerificationBanner({ facts, t, locale }: { facts: VerificationFacts; t: T; locale: Locale }) {
  const { state } = facts;
  const title =
    state === "rejected"
      ? t("onboarding.state.rejected.title", { reason: facts.reviewNote || "—" })
      : state === "suspended"
        ? t("onboarding.state.suspended.title", { reason: facts.suspensionReason || "—" })
        : t(`onboarding.state.${state}.title`);
  const body = state === "submitted" ? t("onboarding.state.submitted.body", { date: facts.submittedAt ? formatDate(facts.submittedAt, locale) : "—" }) : t(`onboarding.state.${state}.body`);
  return (
    <section role="status" aria-live="polite" data-verification-state={state} className={`rounded-xl border px-4 py-3 ${STYLE[state]}`}>
      <p className="font-semibold">{title}</p>
      <p className="mt-1 text-sm">{body}</p>
    </section>
  );
}

const BLOCKER_FIELD_LABEL: Record<string, MessageKey> = {
  name: "onboarding.field.name",
  county: "onboarding.field.county",
  address: "onboarding.field.address",
  contactName: "onboarding.field.contactName",
  contactPhone: "onboarding.field.contactPhone",
  businessLicenceNo: "onboarding.field.businessLicenceNo",
  foodLicenceNo: "onboarding.field.foodLicenceNo",
};

/** One line of "what is still missing before review": the field's own message, or its label when it is just required. */
export function blockerText(field: string, key: MessageKey, t: T): string {
  if (key !== "validation.required") return t(key);
  const label = BLOCKER_FIELD_LABEL[field];
  return label ? `${t(label)}：${t(key)}` : t(key);
}
