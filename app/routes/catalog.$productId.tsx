import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { PhotoGallery } from "~/components/photos/photo-gallery";
import { ProductFacts, ProductVariants } from "~/components/product-facts";
import { getProduct } from "~/modules/catalog/catalog.server";
import { notFound, requirePermission } from "~/modules/auth/request.server";
import { prisma } from "~/utils/db.server";
import { resolveLocale } from "~/utils/i18n/locale.server";
import { bilingualName } from "~/utils/i18n/names";
import { translator } from "~/utils/i18n/translate";
import { useLocale, useT } from "~/utils/i18n/use-t";
import { isUuid } from "~/utils/pagination";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "商品目录" }];

/** One product on sale, for anyone who may read the catalogue; drafts and archived products are 404 here. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "read:catalog");
  if (!isUuid(params.productId)) notFound();
  const product = await getProduct(await prisma(), params.productId, { activeOnly: true });
  if (!product) notFound();
  const locale = await resolveLocale(request, user.locale);
  const t = translator(locale);
  return { product, title: `${bilingualName(product.nameZh, product.nameEn, locale).primary} · ${t("app.name")}` };
}

export default function CatalogProductPage() {
  const { product } = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  const name = bilingualName(product.nameZh, product.nameEn, locale);
  const description = locale === "en" && product.descriptionEn ? product.descriptionEn : product.descriptionZh;
  return (
    <article className="space-y-6">
      <Link to="/catalog" className="inline-flex min-h-11 items-center text-sm font-medium text-brand-700">
        ← {t("product.back")}
      </Link>
      <header>
        <h1 className="text-2xl font-semibold sm:text-3xl">{name.primary}</h1>
        {name.secondary ? <p className="mt-1 text-stone-500">{name.secondary}</p> : null}
      </header>
      <PhotoGallery photos={product.photos} name={name.primary} t={t} />
      <section className="card p-5">
        <ProductFacts product={product} t={t} locale={locale} />
        <p className="mt-4 whitespace-pre-line text-stone-700">{description || t("product.noDescription")}</p>
      </section>
      <section>
        <h2 className="mb-3 text-xl font-semibold">{t("product.variants")}</h2>
        <ProductVariants product={product} t={t} locale={locale} />
      </section>
    </article>
  );
}
