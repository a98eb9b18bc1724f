import { data, redirect, type ActionFunctionArgs, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useState } from "react";
import { FormAlert } from "~/components/ui/field";
import { PageHeader } from "~/components/ui/page-header";
import { notFound, requirePermission } from "~/modules/auth/request.server";
import { createKeySchema, createKeyValues, DEFAULT_KEY_SCOPES, MAX_KEY_NAME_LENGTH } from "~/modules/api/key-form";
import { buyerOrganizationIdOf, createApiKey, listApiKeys, revokeApiKey } from "~/modules/api/keys.server";
import { API_SCOPES, MAX_LIVE_KEYS, type ApiScope } from "~/modules/api/scopes";
import { prisma } from "~/utils/db.server";
import { fieldErrors, hasForbiddenCharacters, stripForbiddenCharacters, type FieldErrors } from "~/utils/forms";
import { formatDateTime } from "~/utils/i18n/format";
import { resolveLocale } from "~/utils/i18n/locale.server";
import type { MessageKey } from "~/utils/i18n/messages";
import { translator } from "~/utils/i18n/translate";
import { useLocale, useT } from "~/utils/i18n/use-t";
import { isUuid } from "~/utils/pagination";

// The page that shows a new key must never be stored by a browser or proxy cache.
export const headers: HeadersFunction = () => ({ "Cache-Control": "no-store" });

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "API 密钥" }];

/** The buyer organization's API keys (never the keys themselves: only their prefixes). */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "manage:api-keys:own");
  const t = translator(await resolveLocale(request, user.locale));
  const organizationId = buyerOrganizationIdOf(user.memberships);
  const organizationName = user.memberships.find((m) => m.organizationId === organizationId)?.organizationName ?? null;
  const keys = organizationId ? await listApiKeys(await prisma(), organizationId) : [];
  const revoked = new URL(request.url).searchParams.get("revoked");
  const revokedName = isUuid(revoked ?? undefined) ? (keys.find((k) => k.id === revoked && k.revokedAt)?.name ?? null) : null;
  return { organizationName, keys, revokedName, title: t("api.keys.title") };
}

type ActionData =
  | { intent: "create"; created: { name: string; key: string; prefix: string } }
  | { intent: "create"; values: { name: string; scopes: string[] }; errors: FieldErrors };

/** An error for the whole form, over a fresh create form (the default scopes ticked). */
const formError = (message: MessageKey, status: number) => data<ActionData>({ intent: "create", values: { name: "", scopes: [...DEFAULT_KEY_SCOPES] }, errors: { _form: message } }, { status });

/**
 * create: makes a key and shows it in this one response (it is never shown again, so this answer is
 * not a redirect); revoke: revokes one of the organization's keys and goes back to the list.
 */
export async function action({ request }: ActionFunctionArgs) {
  const user = await requirePermission(request, "manage:api-keys:own");
  const organizationId = buyerOrganizationIdOf(user.memberships);
  if (!organizationId) notFound();
  const form = await request.formData();
  const intent = form.get("intent");
  const db = await prisma();
  if (intent === "revoke") {
    const keyId = form.get("keyId");
    if (typeof keyId !== "string" || !isUuid(keyId)) return formError("api.keys.error.notFound", 400);
    // Another organization's key answers exactly as an unknown one: 404 with the same form error.
    const result = await revokeApiKey(db, organizationId, keyId);
    if (!result.ok) return formError("api.keys.error.notFound", 404);
    throw redirect(`/account/api-keys?revoked=${keyId}`);
  }
  if (intent !== "create") return formError("api.keys.error.intent", 400);
  const values = createKeyValues(form);
  const redisplay = { name: stripForbiddenCharacters(values.name), scopes: values.scopes };
  if (hasForbiddenCharacters(values.name)) return data<ActionData>({ intent: "create", values: redisplay, errors: { name: "validation.invalidCharacters" } }, { status: 400 });
  const parsed = createKeySchema.safeParse(values);
  if (!parsed.success) return data<ActionData>({ intent: "create", values: redisplay, errors: fieldErrors(parsed.error) }, { status: 400 });
  const created = await createApiKey(db, { organizationId, createdById: user.id, name: parsed.data.name, scopes: parsed.data.scopes });
  if (!created.ok) return data<ActionData>({ intent: "create", values: redisplay, errors: { _form: "api.keys.error.tooMany" } }, { status: 400 });
  return data<ActionData>({ intent: "create", created: { name: parsed.data.name, key: created.key, prefix: created.prefix } }, { headers: { "Cache-Control": "no-store" } });
}

export default function ApiKeysPage() {
  const { organizationName, keys, revokedName } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT();
  const locale = useLocale();
  const navigation = useNavigation();
  const busy = navigation.state === "submitting";
  const failed = actionData && "errors" in actionData ? actionData : undefined;
  const created = actionData && "created" in actionData ? actionData.created : undefined;
  const errors = failed?.errors ?? {};
  const err = (field: string) => (errors[field] ? t(errors[field] as MessageKey, { max: MAX_LIVE_KEYS }) : undefined);
  // A new key starts with the read scopes only; a form that came back keeps what was ticked.
  const checkedScopes = new Set<string>(failed ? failed.values.scopes : DEFAULT_KEY_SCOPES);

  return (
    <div className="mx-auto max-w-3xl">
      <PageHeader title={t("api.keys.title")} subtitle={organizationName ? t("api.keys.organization", { name: organizationName }) : undefined} />
      <p className="mb-2 text-stone-700">{t("api.keys.intro")}</p>
      <p className="mb-6 text-sm text-stone-500">
        {t("api.keys.docs")}
        <a href="/api/v1/openapi.json" className="font-mono text-brand-700 underline">
          /api/v1/openapi.json
        </a>
      </p>

      {!organizationName ? <FormAlert>{t("api.keys.noOrganization")}</FormAlert> : null}

      {revokedName ? (
        <p role="status" className="mb-4 rounded-lg border border-brand-200 bg-brand-50 px-4 py-3 text-sm font-medium text-brand-800">
          {t("api.keys.revoked", { name: revokedName })}
        </p>
      ) : null}

      {created ? <CreatedKey name={created.name} value={created.key} /> : null}

      {organizationName ? (
        <section className="card mb-8 p-4" aria-labelledby="create-key">
          <h2 id="create-key" className="mb-3 text-lg font-semibold">
            {t("api.keys.create")}
          </h2>
          <Form method="post" noValidate className="space-y-4">
            <input type="hidden" name="intent" value="create" />
            {errors._form ? <FormAlert>{err("_form")}</FormAlert> : null}
            <div className="space-y-1">
              <label htmlFor="f-name" className="block text-sm font-medium text-stone-800">
                {t("api.keys.name")}
              </label>
              <input
                id="f-name"
                name="name"
                className="input"
                maxLength={MAX_KEY_NAME_LENGTH}
                autoComplete="off"
                defaultValue={failed?.values.name}
                aria-invalid={errors.name ? true : undefined}
                aria-describedby={`f-name-hint${errors.name ? " f-name-error" : ""}`}
              />
              <p id="f-name-hint" className="text-sm text-stone-500">
                {t("api.keys.nameHint")}
              </p>
              {errors.name ? (
                <p id="f-name-error" className="text-sm font-medium text-red-700">
                  {err("name")}
                </p>
              ) : null}
            </div>
            <fieldset aria-describedby={`f-scopes-hint${errors.scopes ? " f-scopes-error" : ""}`}>
              <legend className="mb-1 block text-sm font-medium text-stone-800">{t("api.keys.scopes")}</legend>
              <p id="f-scopes-hint" className="mb-2 text-sm text-stone-500">
                {t("api.keys.scopesHint")}
              </p>
              <div className="space-y-2">
                {API_SCOPES.map((scope) => (
                  <label key={scope} className="flex min-h-11 cursor-pointer items-center gap-3 rounded-lg border border-stone-300 bg-white px-3 py-2 has-[:checked]:border-brand-600 has-[:checked]:bg-brand-50">
                    <input type="checkbox" name="scopes" value={scope} defaultChecked={checkedScopes.has(scope)} className="size-5 shrink-0 accent-brand-600" />
                    <span>{t(`api.scope.${scope}` as MessageKey)}</span>
                  </label>
                ))}
              </div>
              {errors.scopes ? (
                <p id="f-scopes-error" className="mt-1 text-sm font-medium text-red-700">
                  {err("scopes")}
                </p>
              ) : null}
            </fieldset>
            <button type="submit" className="btn-primary w-full sm:w-auto" disabled={busy}>
              {t("api.keys.submit")}
            </button>
          </Form>
        </section>
      ) : null}

      <section aria-labelledby="key-list">
        <h2 id="key-list" className="mb-3 text-lg font-semibold">
          {t("api.keys.list")}
        </h2>
        {keys.length === 0 ? (
          <p className="card p-6 text-center text-stone-600">{t("api.keys.empty")}</p>
        ) : (
          <ul className="space-y-3">
            {keys.map((key) => (
              <li key={key.id} className={`card p-4 ${key.revokedAt ? "opacity-70" : ""}`}>
                <div className="flex flex-wrap items-start justify-between gap-2">
                  <div className="min-w-0">
                    <h3 className={`font-medium ${key.revokedAt ? "line-through" : ""}`}>{key.name}</h3>
                    <p className="text-sm text-stone-600">
                      {t("api.keys.prefix")} <code className="font-mono">{`${key.prefix}…`}</code>
                    </p>
                    <p className="text-sm text-stone-500">{key.scopes.join(" · ")}</p>
                    <p className="text-xs text-stone-500">
                      {key.createdByName
                        ? t("api.keys.createdAt", { at: formatDateTime(key.createdAt, locale), by: key.createdByName })
                        : t("api.keys.createdAtNoUser", { at: formatDateTime(key.createdAt, locale) })}
                      {" · "}
                      {key.lastUsedAt ? t("api.keys.lastUsed", { at: formatDateTime(key.lastUsedAt, locale) }) : t("api.keys.neverUsed")}
                    </p>
                    {key.revokedAt ? <p className="text-sm font-medium text-stone-700">{t("api.keys.revokedAt", { at: formatDateTime(key.revokedAt, locale) })}</p> : null}
                  </div>
                  {key.revokedAt ? null : <RevokeForm id={key.id} name={key.name} busy={busy} />}
                </div>
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}

function RevokeForm({ id, name, busy }: { id: string; name: string; busy: boolean }) {
  const t = useT();
  return (
    <Form
      method="post"
      onSubmit={(event) => {
        // Without JavaScript the key is revoked at once; with it, one confirmation first.
        if (!window.confirm(t("api.keys.revokeConfirm", { name }))) event.preventDefault();
      }}
    >
      <input type="hidden" name="intent" value="revoke" />
      <input type="hidden" name="keyId" value={id} />
      <button type="submit" className="btn-secondary min-h-11" disabled={busy} aria-label={`${t("api.keys.revoke")} ${name}`}>
        {t("api.keys.revoke")}
      </button>
    </Form>
  );
}

/** The new key, shown once; selecting the field or the copy button (with JavaScript) copies it. */
function CreatedKey({ name, value }: { name: string; value: string }) {
  const t = useT();
  const [copied, setCopied] = useState(false);
  return (
    <section role="status" className="mb-6 rounded-lg border border-brand-300 bg-brand-50 p-4" aria-labelledby="new-key">
      <h2 id="new-key" className="font-semibold text-brand-900">
        {t("api.keys.created", { name })}
      </h2>
      <p className="mt-1 text-sm text-brand-900">{t("api.keys.copyHint")}</p>
      <label htmlFor="f-new-key" className="mt-3 block text-sm font-medium text-stone-800">
        {t("api.keys.yourKey")}
      </label>
      <div className="mt-1 flex flex-wrap gap-2">
        <input id="f-new-key" readOnly value={value} className="input min-w-0 flex-1 font-mono" onFocus={(e) => e.currentTarget.select()} data-testid="new-api-key" />
        <button
          type="button"
          className="btn-secondary min-h-11"
          onClick={() => {
            void navigator.clipboard?.writeText(value).then(() => setCopied(true));
          }}
        >
          {copied ? t("api.keys.copied") : t("api.keys.copy")}
        </button>
      </div>
    </section>
  );
}
