import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { ContractsManager, type ContractActionData } from "~/components/delivery-setup/contracts";
import { SavedNotice, SelectField } from "~/components/delivery-setup/fields";
import { PageHeader } from "~/components/ui/page-header";
import { forbidden, notFound, requirePermission } from "~/modules/auth/request.server";
import { dayOf } from "~/modules/lots/rules";
import { findSeller, listBuyerOrganizations, listContractPacks, listContracts, listSellerOrganizations, runContractIntent } from "~/modules/orders/contracts.server";
import { prisma } from "~/utils/db.server";
import { formValues, redisplayValues } from "~/utils/forms";
import { resolveLocale } from "~/utils/i18n/locale.server";
import { orgName } from "~/utils/i18n/names";
import { translator } from "~/utils/i18n/translate";
import { useLocale, useT } from "~/utils/i18n/use-t";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "合同价" }];

const PATH = "/ops/contracts";
const NOTICES = { saved: "deliverySetup.contracts.saved", ended: "deliverySetup.contracts.ended", deleted: "deliverySetup.contracts.deleted" } as const;

/** Any seller's contract prices for operators: pick the seller (?seller=<id>), then the same lists and forms as the seller's page. */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "manage:contracts:any");
  const url = new URL(request.url);
  const db = await prisma();
  const sellerParam = url.searchParams.get("seller");
  const seller = sellerParam ? await findSeller(db, sellerParam) : null;
  if (sellerParam && !seller) notFound();
  const today = dayOf(new Date());
  const [sellers, view] = await Promise.all([
    listSellerOrganizations(db),
    seller
      ? Promise.all([listContracts(db, [seller.id], today), listContractPacks(db, [seller.id]), listBuyerOrganizations(db)]).then(([contracts, packs, buyers]) => ({ contracts, packs, buyers }))
      : Promise.resolve(null),
  ]);
  const notice = url.searchParams.get("notice");
  const t = translator(await resolveLocale(request, user.locale));
  return { sellers, seller, view, today, notice: notice && notice in NOTICES ? NOTICES[notice as keyof typeof NOTICES] : null, title: `${t("deliverySetup.contracts.title")} · ${t("ops.title")}` };
}

/** The seller page's intents for any seller (the seller named in the form); the pack must be that seller's. */
export async function action({ request }: ActionFunctionArgs) {
  const user = await requirePermission(request, "manage:contracts:any");
  const values = formValues(await request.formData());
  const result = await runContractIntent(await prisma(), { kind: "any" }, values, user.id, dayOf(new Date()));
  if (result.kind === "forbidden") forbidden();
  if (result.kind === "not_found") notFound();
  if (result.kind === "refused") return data<ContractActionData>({ intent: result.intent, contractId: result.contractId, values: redisplayValues(values), errors: result.errors }, { status: 400 });
  throw redirect(`${PATH}?seller=${result.sellerId}&notice=${result.notice}`);
}

export default function OpsContractsPage() {
  const { sellers, seller, view, today, notice } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT();
  const locale = useLocale();
  return (
    <div className="space-y-6">
      <PageHeader title={t("deliverySetup.contracts.title")} subtitle={t("deliverySetup.contracts.opsIntro")}>
        <Link to="/ops" className="inline-flex min-h-11 items-center text-sm font-medium text-brand-700">
          ← {t("ops.title")}
        </Link>
      </PageHeader>
      {notice ? <SavedNotice>{t(notice)}</SavedNotice> : null}
      {sellers.length === 0 ? (
        <p className="card p-6 text-center text-stone-600">{t("deliverySetup.contracts.noSellers")}</p>
      ) : (
        <Form method="get" action={PATH} className="card flex flex-wrap items-end gap-3 p-4">
          <SelectField id="ops-seller" name="seller" label={t("deliverySetup.contracts.chooseSeller")} defaultValue={seller?.id ?? ""} required>
            <option value="" disabled>
              {t("deliverySetup.contracts.chooseSellerPlaceholder")}
            </option>
            {sellers.map((s) => (
              <option key={s.id} value={s.id}>
                {orgName(s.name, s.nameEn, locale)}
              </option>
            ))}
          </SelectField>
          <button type="submit" className="btn-secondary">
            {t("deliverySetup.contracts.showSeller")}
          </button>
        </Form>
      )}
      {seller && view ? (
        <section aria-labelledby="ops-seller-h" className="space-y-4">
          <h2 id="ops-seller-h" className="text-2xl font-semibold">
            {t("deliverySetup.contracts.sellerHeading", { seller: orgName(seller.name, seller.nameEn, locale) })}
          </h2>
          <ContractsManager action={`${PATH}?seller=${seller.id}`} sellerId={seller.id} contracts={view.contracts} packs={view.packs} buyers={view.buyers} today={today} actionData={actionData} t={t} locale={locale} />
        </section>
      ) : null}
    </div>
  );
}
