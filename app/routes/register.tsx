import { data, redirect, type ActionFunctionArgs, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useNavigation } from "@remix-run/react";
import { Field, FormAlert } from "~/components/ui/field";
import { roleHome } from "~/modules/auth/permissions";
import { retryAfterSeconds } from "~/modules/auth/rate-limit";
import { admitRegistration, registerOrganization } from "~/modules/auth/register.server";
import { REGISTRABLE_KINDS, registerSchema, roleForKind } from "~/modules/auth/schemas";
import { clientIp, getUser, startBrowserSession } from "~/modules/auth/request.server";
import { prisma } from "~/utils/db.server";
import { formValues, parseForm, redisplayValues, type FieldErrors } from "~/utils/forms";
import { formatTime } from "~/utils/i18n/format";
import { resolveLocale } from "~/utils/i18n/locale.server";
import { translator } from "~/utils/i18n/translate";
import { useT } from "~/utils/i18n/use-t";
import { retryAfterOnly } from "~/utils/http-headers";
import { logger } from "~/utils/logger.server";
import { useClientValidation } from "~/utils/use-client-validation";

/** A 429's Retry-After reaches the document response too (Remix takes document headers from here). */
export const headers: HeadersFunction = ({ actionHeaders }) => retryAfterOnly(actionHeaders);

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "注册" }];

/** Public; a signed-in user has nothing to register and goes home. */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getUser(request);
  if (user) throw redirect(roleHome(user.roles));
  const t = translator(await resolveLocale(request));
  return { title: `${t("register.title")} · ${t("app.name")}` };
}

type ActionData = { values: Record<string, string>; errors: FieldErrors; formError?: string };

/** Public: creates the organization and its first user (limited per client address), then signs that user in. */
export async function action({ request, context }: ActionFunctionArgs) {
  const locale = await resolveLocale(request);
  const values = formValues(await request.formData());
  const parsed = parseForm(registerSchema, values);
  if (parsed.errors) return data<ActionData>({ values: redisplayValues(values), errors: parsed.errors }, { status: 400 });
  const db = await prisma();
  const ip = clientIp(request, context);
  const admission = await admitRegistration(db, { ip });
  if (!admission.allowed) {
    logger.warn({ ip }, "registration rate limited");
    const seconds = retryAfterSeconds(admission.retryAt);
    const formError = translator(locale)("register.rateLimited", { time: formatTime(admission.retryAt, locale), minutes: Math.ceil(seconds / 60) });
    return data<ActionData>({ values: redisplayValues(values), errors: {}, formError }, { status: 429, headers: { "Retry-After": String(seconds) } });
  }
  const result = await registerOrganization(db, parsed.data, locale);
  if (!result.ok) return data<ActionData>({ values: redisplayValues(values), errors: { [result.field]: result.error } }, { status: 409 });
  logger.info({ userId: result.userId, kind: parsed.data.kind }, "organization registered");
  // Like sign-in: whatever session this browser held before ends here.
  const session = await startBrowserSession(request, db, result.userId);
  throw redirect(roleHome([roleForKind(parsed.data.kind)]), { headers: { "Set-Cookie": session.setCookie } });
}

export default function RegisterPage() {
  const actionData = useActionData<typeof action>();
  const t = useT();
  const navigation = useNavigation();
  const { errors, onSubmit } = useClientValidation(registerSchema, actionData?.errors);
  const v = actionData?.values ?? {};
  const err = (field: string) => (errors[field] ? t(errors[field]) : undefined);
  const hasErrors = Object.keys(errors).length > 0;
  // Field errors (the browser's or the server's) explain themselves; otherwise the server's form message (the rate limit).
  const formError = hasErrors ? (errors.phone === "register.phoneTaken" ? t("register.phoneTaken") : t("validation.fixErrors")) : actionData?.formError;
  return (
    <div className="mx-auto max-w-2xl">
      <h1 className="text-2xl font-semibold sm:text-3xl">{t("register.title")}</h1>
      <p className="mt-2 text-stone-600">{t("register.intro")}</p>
      {/* A whole document once signed in: a signed-out page holds only the public strings (public-messages.ts). */}
      <Form method="post" reloadDocument noValidate onSubmit={onSubmit} className="mt-6 space-y-6">
        {formError ? <FormAlert>{formError}</FormAlert> : null}
        <fieldset className="card space-y-4 p-5 sm:p-6">
          <legend className="px-1 text-lg font-semibold">{t("register.orgSection")}</legend>
          <div className="space-y-2">
            <span id="kind-label" className="block text-sm font-medium text-stone-800">
              {t("register.kind")}
            </span>
            <div role="radiogroup" aria-labelledby="kind-label" aria-describedby={errors.kind ? "kind-error" : undefined} className="grid gap-2 sm:grid-cols-2">
              {REGISTRABLE_KINDS.map((kind) => (
                <label key={kind} className="flex min-h-11 cursor-pointer items-center gap-3 rounded-lg border border-stone-300 bg-white px-3 has-[:checked]:border-brand-600 has-[:checked]:bg-brand-50">
                  <input type="radio" name="kind" value={kind} defaultChecked={v.kind === kind} className="size-5 accent-brand-600" />
                  <span>
                    {t(`orgKind.${kind}`)}
                    <span className="ml-2 text-xs text-stone-500">{t(`role.${roleForKind(kind)}`)}</span>
                  </span>
                </label>
              ))}
            </div>
            {errors.kind ? (
              <p id="kind-error" className="text-sm font-medium text-red-700">
                {t(errors.kind)}
              </p>
            ) : null}
          </div>
          <Field name="orgName" label={t("register.orgName")} required maxLength={100} defaultValue={v.orgName} error={err("orgName")} autoComplete="organization" />
          <Field name="county" label={t("register.county")} hint={t("register.countyHint")} required maxLength={40} defaultValue={v.county} error={err("county")} />
          <Field name="address" label={t("register.address")} required maxLength={200} defaultValue={v.address} error={err("address")} autoComplete="street-address" />
        </fieldset>
        <fieldset className="card space-y-4 p-5 sm:p-6">
          <legend className="px-1 text-lg font-semibold">{t("register.userSection")}</legend>
          <Field name="displayName" label={t("register.displayName")} required maxLength={40} defaultValue={v.displayName} error={err("displayName")} autoComplete="name" />
          <Field name="phone" label={t("register.phone")} type="tel" inputMode="tel" required defaultValue={v.phone} error={err("phone")} autoComplete="tel" />
          <Field name="password" label={t("register.password")} type="password" hint={t("register.passwordHint")} required error={err("password")} autoComplete="new-password" />
          <Field name="passwordConfirm" label={t("register.passwordConfirm")} type="password" required error={err("passwordConfirm")} autoComplete="new-password" />
        </fieldset>
        <button type="submit" className="btn-primary w-full sm:w-auto" disabled={navigation.state === "submitting"}>
          {t("register.submit")}
        </button>
      </Form>
      <p className="mt-4 text-stone-600">
        {t("register.haveAccount")}{" "}
        <Link to="/login" className="font-medium text-brand-700 underline underline-offset-4">
          {t("nav.signIn")}
        </Link>
      </p>
    </div>
  );
}
