import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { PhotoImage } from "~/components/photos/photo-image";
import { PhotoUploader } from "~/components/photos/photo-uploader";
import { SellerNav } from "~/components/seller-nav";
import { deletePhoto, getPhotoPage, reorderPhoto } from "~/modules/images/photos.server";
import { refusalMessage, type UploadAnswer } from "~/modules/images/messages";
import { MAX_PHOTOS_PER_PRODUCT, maxUploadBytes } from "~/modules/images/plan";
import { isMultipart, receivePhotos } from "~/modules/images/upload.server";
import { THUMB_SIZES } from "~/modules/images/urls";
import { forbidden, notFound, requirePermission } from "~/modules/auth/request.server";
import { sellerOrganizationIds } from "~/modules/seller/console.server";
import { getStorage } from "~/modules/storage/index.server";
import { prisma } from "~/utils/db.server";
import { env } from "~/utils/env.server";
import { formatNumber } from "~/utils/i18n/format";
import { resolveLocale } from "~/utils/i18n/locale.server";
import { bilingualName } from "~/utils/i18n/names";
import { translator } from "~/utils/i18n/translate";
import { useLocale, useT } from "~/utils/i18n/use-t";
import { isUuid } from "~/utils/pagination";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "商品照片" }];

const NOTICES = { moved: "photos.moved", cover: "photos.coverSet", deleted: "photos.deleted" } as const;
type Notice = keyof typeof NOTICES;
const MOVES = ["earlier", "later", "cover"] as const;

/** The photos of one of the seller's own products; someone else's is 403. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "read:listing:own");
  if (!isUuid(params.productId)) notFound();
  const page = await getPhotoPage(await prisma(), params.productId, sellerOrganizationIds(user.memberships));
  if (page.kind === "not_found") notFound();
  if (page.kind === "forbidden") forbidden();
  const locale = await resolveLocale(request, user.locale);
  const t = translator(locale);
  const notice = new URL(request.url).searchParams.get("notice");
  return {
    product: page.product,
    photos: page.photos,
    maxBytes: maxUploadBytes(env().MAX_UPLOAD_MB),
    notice: notice && notice in NOTICES ? (notice as Notice) : null,
    title: `${t("photos.title")} · ${bilingualName(page.product.nameZh, page.product.nameEn, locale).primary} · ${t("seller.title")}`,
  };
}

/**
 * Without JavaScript, uploads (multipart, the answer per file) and the move/cover/delete buttons
 * (urlencoded; redirect back so a reload repeats nothing). With JavaScript, uploads go one by one to
 * ./photos/upload instead and the buttons post here through Remix.
 */
export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requirePermission(request, "update:listing:own");
  if (!isUuid(params.productId)) notFound();
  const productId = params.productId;
  const orgIds = sellerOrganizationIds(user.memberships);
  const db = await prisma();
  if (isMultipart(request)) {
    const result = await receivePhotos(request, { db, storage: getStorage(), productId, orgIds, maxBytes: maxUploadBytes(env().MAX_UPLOAD_MB) });
    if (result.kind === "not_found") notFound();
    if (result.kind === "forbidden") forbidden();
    if (result.kind === "tooLarge") return data<UploadAnswer>({ files: [], error: { key: "photos.error.requestTooLarge", params: { limit: result.limit } } }, { status: 413 });
    if (result.kind === "bad") return data<UploadAnswer>({ files: [], error: { key: "photos.error.badRequest" } }, { status: 400 });
    if (result.kind === "noFile") return data<UploadAnswer>({ files: [], error: { key: "photos.error.noFile" } }, { status: 400 });
    const answer: UploadAnswer = {
      files: result.files.map((f) => (f.ok ? { name: f.name, ok: true, photoId: f.photo.id } : { name: f.name, ok: false, error: refusalMessage(f.refusal) })),
    };
    return data(answer, { status: answer.files.some((f) => f.ok) ? 200 : 400 });
  }
  const form = await request.formData();
  const intent = String(form.get("intent") ?? "");
  const photoId = String(form.get("photoId") ?? "");
  if (!isUuid(photoId) || (intent !== "delete" && !MOVES.includes(intent as (typeof MOVES)[number]))) {
    return data<UploadAnswer>({ files: [], error: { key: "photos.error.badRequest" } }, { status: 400 });
  }
  const result =
    intent === "delete"
      ? await deletePhoto(db, getStorage(), { productId, photoId, orgIds })
      : await reorderPhoto(db, { productId, photoId, move: intent as (typeof MOVES)[number], orgIds });
  if (result.kind === "not_found") notFound();
  if (result.kind === "forbidden") forbidden();
  if (result.kind === "photo_not_found") return data<UploadAnswer>({ files: [], error: { key: "photos.error.photoGone" } }, { status: 404 });
  const notice: Notice = intent === "delete" ? "deleted" : intent === "cover" ? "cover" : "moved";
  return redirect(`/seller/products/${productId}/photos?notice=${notice}`);
}

export default function ProductPhotosPage() {
  const { product, photos, maxBytes, notice } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>() as UploadAnswer | undefined;
  const t = useT();
  const locale = useLocale();
  const name = bilingualName(product.nameZh, product.nameEn, locale);
  const remaining = MAX_PHOTOS_PER_PRODUCT - photos.length;
  const added = answer?.files.filter((f) => f.ok).length ?? 0;
  const base = `/seller/products/${product.id}/photos`;
  return (
    <article className="space-y-6">
      <SellerNav />
      <Link to={`/seller/products/${product.id}`} className="inline-flex min-h-11 items-center text-sm font-medium text-brand-700">
        ← {t("photos.back")}
      </Link>
      <header>
        <h1 className="text-2xl font-semibold sm:text-3xl">{t("photos.title")}</h1>
        <p className="mt-1 text-stone-600">
          {name.primary}
          {name.secondary ? <span className="text-stone-400"> · {name.secondary}</span> : null}
        </p>
        <p className="mt-1 text-sm text-stone-500">{t("photos.count", { count: formatNumber(photos.length, locale), max: MAX_PHOTOS_PER_PRODUCT })}</p>
      </header>
      {notice ? (
        <p role="status" className="rounded-lg border border-brand-200 bg-brand-50 px-4 py-3 text-sm font-medium text-brand-800">
          {t(NOTICES[notice])}
        </p>
      ) : null}
      {added > 0 ? (
        <p role="status" className="rounded-lg border border-brand-200 bg-brand-50 px-4 py-3 text-sm font-medium text-brand-800">
          {added === 1 ? t("photos.result.addedOne") : t("photos.result.added", { count: added })}
        </p>
      ) : null}
      {remaining > 0 ? (
        <PhotoUploader formAction={base} uploadUrl={`${base}/upload`} maxBytes={maxBytes} remaining={remaining} answer={answer} t={t} />
      ) : (
        <p className="card p-5 text-stone-700">{t("photos.add.full", { max: MAX_PHOTOS_PER_PRODUCT })}</p>
      )}
      <section>
        {photos.length === 0 ? (
          <p className="card p-6 text-center text-stone-600">{t("photos.empty")}</p>
        ) : (
          <>
            <p className="mb-3 text-sm text-stone-600">{t("photos.coverHint")}</p>
            <ol className="grid grid-cols-1 gap-3 min-[420px]:grid-cols-2 lg:grid-cols-4">
              {photos.map((photo, i) => (
                <li key={photo.id} id={`photo-${photo.id}`} className="card overflow-hidden">
                  <div className="relative">
                    <PhotoImage photo={photo} alt={t("photos.alt", { name: name.primary, n: i + 1 })} sizes={THUMB_SIZES} boxWidth={320} fallbackWidth={320} className="aspect-[4/3] h-auto w-full bg-stone-100 object-cover" />
                    <span className={`absolute left-2 top-2 rounded-md px-2 py-0.5 text-xs font-medium ${i === 0 ? "bg-brand-600 text-white" : "bg-white/90 text-stone-700"}`}>
                      {i === 0 ? t("photos.cover") : t("photos.position", { n: i + 1 })}
                    </span>
                  </div>
                  <Form method="post" action={base} className="grid grid-cols-2 gap-2 p-3">
                    <input type="hidden" name="photoId" value={photo.id} />
                    <button type="submit" name="intent" value="earlier" className="btn-secondary px-2 text-sm" disabled={i === 0}>
                      {t("photos.moveEarlier")}
                    </button>
                    <button type="submit" name="intent" value="later" className="btn-secondary px-2 text-sm" disabled={i === photos.length - 1}>
                      {t("photos.moveLater")}
                    </button>
                    {i > 0 ? (
                      <button type="submit" name="intent" value="cover" className="btn-secondary px-2 text-sm">
                        {t("photos.setCover")}
                      </button>
                    ) : (
                      <span />
                    )}
                    <button
                      type="submit"
                      name="intent"
                      value="delete"
                      aria-label={t("photos.deleteLabel", { n: i + 1 })}
                      className="btn inline-flex border border-red-200 bg-white px-2 text-sm text-red-700 hover:bg-red-50"
                      onClick={(e) => {
                        if (!window.confirm(t("photos.deleteConfirm"))) e.preventDefault();
                      }}
                    >
                      {t("photos.delete")}
                    </button>
                  </Form>
                </li>
              ))}
            </ol>
          </>
        )}
      </section>
    </article>
  );
}
