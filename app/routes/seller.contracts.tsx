import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { ContractsManager, type ContractActionData } from "~/components/delivery-setup/contracts";
import { SavedNotice } from "~/components/delivery-setup/fields";
import { SellerNav } from "~/components/seller-nav";
import { PageHeader } from "~/components/ui/page-header";
import { forbidden, notFound, requirePermission } from "~/modules/auth/request.server";
import { dayOf } from "~/modules/lots/rules";
import { listBuyerOrganizations, listContractPacks, listContracts, runContractIntent } from "~/modules/orders/contracts.server";
import { sellerOrganizationIds } from "~/modules/seller/console.server";
import { prisma } from "~/utils/db.server";
import { formValues, redisplayValues } from "~/utils/forms";
import { resolveLocale } from "~/utils/i18n/locale.server";
import { translator } from "~/utils/i18n/translate";
import { useLocale, useT } from "~/utils/i18n/use-t";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "合同价" }];

const PATH = "/seller/contracts";
const NOTICES = { saved: "deliverySetup.contracts.saved", ended: "deliverySetup.contracts.ended", deleted: "deliverySetup.contracts.deleted" } as const;

/** The seller's contract prices per buying organization and pack: current, not yet started, ended; and the new-contract form. */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "manage:contracts:own");
  const sellerIds = sellerOrganizationIds(user.memberships);
  const today = dayOf(new Date());
  const db = await prisma();
  const [contracts, packs, buyers] = await Promise.all([listContracts(db, sellerIds, today), listContractPacks(db, sellerIds), listBuyerOrganizations(db)]);
  const notice = new URL(request.url).searchParams.get("notice");
  const t = translator(await resolveLocale(request, user.locale));
  return { contracts, packs, buyers, today, notice: notice && notice in NOTICES ? NOTICES[notice as keyof typeof NOTICES] : null, title: `${t("deliverySetup.contracts.title")} · ${t("seller.title")}` };
}

/**
 * intent=create adds a contract price for one of the seller's own packs (another seller's pack is 403); intent=end
 * ends a current one early; intent=delete removes one not yet started. Another seller's contract is 403.
 */
export async function action({ request }: ActionFunctionArgs) {
  const user = await requirePermission(request, "manage:contracts:own");
  const values = formValues(await request.formData());
  const result = await runContractIntent(await prisma(), { kind: "own", sellerIds: sellerOrganizationIds(user.memberships) }, values, user.id, dayOf(new Date()));
  if (result.kind === "forbidden") forbidden();
  if (result.kind === "not_found") notFound();
  if (result.kind === "refused") return data<ContractActionData>({ intent: result.intent, contractId: result.contractId, values: redisplayValues(values), errors: result.errors }, { status: 400 });
  throw redirect(`${PATH}?notice=${result.notice}`);
}

export default function SellerContractsPage() {
  const { contracts, packs, buyers, today, notice } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT();
  const locale = useLocale();
  return (
    <div>
      <SellerNav current="contracts" />
      <PageHeader title={t("deliverySetup.contracts.title")} subtitle={t("deliverySetup.contracts.intro")} />
      {notice ? <SavedNotice>{t(notice)}</SavedNotice> : null}
      <ContractsManager action={PATH} contracts={contracts} packs={packs} buyers={buyers} today={today} actionData={actionData} t={t} locale={locale} />
    </div>
  );
}
