import { data, redirect, type ActionFunctionArgs, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { Field, FormAlert } from "~/components/ui/field";
import { roleHome } from "~/modules/auth/permissions";
import { loginSchema } from "~/modules/auth/schemas";
import { retryAfterSeconds } from "~/modules/auth/rate-limit";
import { findSessionUser } from "~/modules/auth/session.server";
import { signIn } from "~/modules/auth/sign-in.server";
import { clientIp, getUser, safeRedirect, startBrowserSession } from "~/modules/auth/request.server";
import { prisma } from "~/utils/db.server";
import { formValues, parseForm, redisplayValues, type FieldErrors } from "~/utils/forms";
import { formatTime } from "~/utils/i18n/format";
import { cookieLocale, resolveLocale, serializeLocale } from "~/utils/i18n/locale.server";
import { translator } from "~/utils/i18n/translate";
import { useT } from "~/utils/i18n/use-t";
import { retryAfterOnly } from "~/utils/http-headers";
import { logger } from "~/utils/logger.server";
import { useClientValidation } from "~/utils/use-client-validation";

/** A 429's Retry-After reaches the document response too (Remix takes document headers from here). */
export const headers: HeadersFunction = ({ actionHeaders }) => retryAfterOnly(actionHeaders);

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "登录" }];

/** Public. A signed-in visitor goes straight on to where they were heading. */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getUser(request);
  const redirectTo = new URL(request.url).searchParams.get("redirectTo");
  if (user) throw redirect(safeRedirect(redirectTo, roleHome(user.roles), new URL(request.url).origin));
  const t = translator(await resolveLocale(request));
  return { title: `${t("login.title")} · ${t("app.name")}` };
}

type ActionData = { values: Record<string, string>; errors?: FieldErrors; formError: string };

/** Public: validates, checks the rate limit and password, starts a session and redirects to the role home. */
export async function action({ request, context }: ActionFunctionArgs) {
  const locale = await resolveLocale(request);
  const t = translator(locale);
  const values = formValues(await request.formData());
  const parsed = parseForm(loginSchema, values);
  if (parsed.errors) {
    return data<ActionData>({ values: redisplayValues(values), errors: parsed.errors, formError: t("validation.fixErrors") }, { status: 400 });
  }
  const db = await prisma();
  const ip = clientIp(request, context);
  const result = await signIn(db, { ...parsed.data, ip });
  if (!result.ok) {
    if (result.reason === "rate_limited") {
      logger.warn({ ip, scope: result.scope }, "sign-in rate limited");
      const seconds = retryAfterSeconds(result.retryAt);
      return data<ActionData>(
        { values: redisplayValues(values), formError: t("login.rateLimited", { time: formatTime(result.retryAt, locale), minutes: Math.ceil(seconds / 60) }) },
        { status: 429, headers: { "Retry-After": String(seconds) } },
      );
    }
    return data<ActionData>({ values: redisplayValues(values), formError: t("login.invalid") }, { status: 401 });
  }
  // A browser signing in again (perhaps as someone else) leaves no live session behind.
  const session = await startBrowserSession(request, db, result.userId);
  const user = await findSessionUser(db, session.token);
  const headers = new Headers();
  headers.append("Set-Cookie", session.setCookie);
  // A browser without a language choice adopts the one saved on the account.
  if (!(await cookieLocale(request))) headers.append("Set-Cookie", await serializeLocale(result.locale));
  const redirectTo = new URL(request.url).searchParams.get("redirectTo") ?? values.redirectTo;
  logger.info({ userId: result.userId }, "signed in");
  throw redirect(safeRedirect(redirectTo, roleHome(user?.roles ?? []), new URL(request.url).origin), { headers });
}

export default function LoginPage() {
  useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [params] = useSearchParams();
  const t = useT();
  const navigation = useNavigation();
  const { errors, clientFailed, onSubmit } = useClientValidation(loginSchema, actionData?.errors);
  const formError = clientFailed ? t("validation.fixErrors") : actionData?.formError;
  const err = (field: string) => (errors[field] ? t(errors[field]) : undefined);
  return (
    <div className="mx-auto max-w-md">
      <div className="card p-6 sm:p-8">
        <h1 className="text-2xl font-semibold">{t("login.title")}</h1>
        <p className="mt-1 text-stone-600">{t("login.intro")}</p>
        {/* A whole document once signed in: a signed-out page holds only the public strings (public-messages.ts). */}
        <Form method="post" reloadDocument noValidate onSubmit={onSubmit} className="mt-6 space-y-4">
          {formError ? <FormAlert>{formError}</FormAlert> : null}
          <input type="hidden" name="redirectTo" value={params.get("redirectTo") ?? ""} />
          <Field
            name="phone"
            label={t("login.phone")}
            type="tel"
            inputMode="tel"
            autoComplete="username"
            required
            defaultValue={actionData?.values.phone}
            error={err("phone")}
          />
          <Field name="password" label={t("login.password")} type="password" autoComplete="current-password" required error={err("password")} />
          <button type="submit" className="btn-primary w-full" disabled={navigation.state === "submitting"}>
            {t("login.submit")}
          </button>
        </Form>
      </div>
      <p className="mt-4 text-center text-stone-600">
        {t("login.noAccount")}{" "}
        <Link to="/register" className="font-medium text-brand-700 underline underline-offset-4">
          {t("login.registerLink")}
        </Link>
      </p>
    </div>
  );
}
