-- Written by hand: the documents of the embedded engine are made short, because a broad query visits every
-- matching row. What a query reads stays in the row (fixed-width sort values and one facet id), about 130 bytes.
-- The terms become a tsvector of exact lexemes, filters and relevance tiers included, so a whole query is one GIN
-- index condition (one tsquery), and are stored out of line: PostgreSQL toasts a row only when it exceeds about
-- 2 KB, so every row carries a filler that compresses to a few bytes and pushes it over that size, and
-- toast_tuple_target makes the toaster move the terms out. The analysed-text copies nothing reads are dropped.
-- The table is rebuilt rather than altered (storage options apply to new rows, and ALTER TABLE would append the new
-- columns after the old ones). The current documents are carried over, their head words approximated by the old
-- analysed words, so search keeps answering until the next `npm run search:reindex` (or any reindex of a product)
-- writes them afresh.

-- CreateTable
CREATE TABLE "search_facet_combos" (
    "id" SERIAL NOT NULL,
    "combo" TEXT NOT NULL,

    CONSTRAINT "search_facet_combos_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "search_facet_combos_combo_key" ON "search_facet_combos"("combo");

-- The facet values and terms of the old documents, in the shapes the engine writes them.
CREATE TEMPORARY TABLE "search_documents_old" AS
SELECT d."product_id",
    json_build_array(d."category"::text, d."temp_class"::text, d."in_stock", d."available_soon", d."origin_county",
        coalesce((SELECT json_agg(k ORDER BY k COLLATE "C") FROM unnest(d."cert_kinds") AS k), '[]'::json))::text AS "combo",
    coalesce(d."terms", '{}') || ARRAY['@category:' || d."category"::text, '@temp:' || d."temp_class"::text, '@county:' || d."origin_county",
        '@seller:' || d."seller_id"::text] || coalesce(ARRAY(SELECT '@cert:' || k FROM unnest(d."cert_kinds") AS k), '{}')
        || CASE WHEN d."in_stock" THEN ARRAY['@stock'] ELSE '{}' END || CASE WHEN d."available_soon" THEN ARRAY['@soon'] ELSE '{}' END AS "terms",
    ' ' || concat_ws(' ', d."zh_tokens", d."pinyin_full", d."pinyin_initials", d."en", d."synonyms") || ' ' AS "head"
FROM "search_documents" d;

INSERT INTO "search_facet_combos" ("combo") SELECT DISTINCT "combo" FROM "search_documents_old" ORDER BY 1;

CREATE TABLE "search_documents_new" (
    "product_id" UUID NOT NULL,
    "seller_id" UUID NOT NULL,
    "created_at" TIMESTAMPTZ(6) NOT NULL,
    "min_price_per_kg_fen" INTEGER,
    "facet_id" INTEGER NOT NULL,
    "filler" TEXT NOT NULL DEFAULT repeat(' '::text, 2100),
    "terms" tsvector NOT NULL,
    "indexed_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP
) WITH (toast_tuple_target = 128);

-- The filler is compressed in the row (MAIN), the terms go out of line (EXTERNAL).
ALTER TABLE "search_documents_new" ALTER COLUMN "filler" SET STORAGE MAIN, ALTER COLUMN "terms" SET STORAGE EXTERNAL;

INSERT INTO "search_documents_new" ("product_id", "seller_id", "created_at", "min_price_per_kg_fen", "facet_id", "terms", "indexed_at")
SELECT d."product_id", d."seller_id", d."created_at", d."min_price_per_kg_fen", (SELECT c."id" FROM "search_facet_combos" c WHERE c."combo" = o."combo"),
    array_to_tsvector(ARRAY(SELECT DISTINCT t FROM (SELECT unnest(o."terms") AS t
        UNION SELECT '^' || w FROM regexp_split_to_table(o."head", ' ') AS w WHERE w <> '') AS x WHERE t <> '')), d."indexed_at"
FROM "search_documents" d JOIN "search_documents_old" o ON o."product_id" = d."product_id";

DROP TABLE "search_documents_old";
DROP TABLE "search_documents";
ALTER TABLE "search_documents_new" RENAME TO "search_documents";

ALTER TABLE "search_documents" ADD CONSTRAINT "search_documents_pkey" PRIMARY KEY ("product_id");
-- fastupdate off: a pending list would be scanned by every query until a vacuum merges it, and PGlite never vacuums on its own.
CREATE INDEX "search_documents_terms_gin" ON "search_documents" USING GIN ("terms") WITH (fastupdate = off);
CREATE INDEX "search_documents_newest_idx" ON "search_documents"("created_at" DESC, "product_id");
CREATE INDEX "search_documents_price_idx" ON "search_documents"("min_price_per_kg_fen", "product_id");
ALTER TABLE "search_documents" ADD CONSTRAINT "search_documents_product_id_fkey" FOREIGN KEY ("product_id") REFERENCES "products"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "search_documents" ADD CONSTRAINT "search_documents_min_price_check" CHECK ("min_price_per_kg_fen" IS NULL OR "min_price_per_kg_fen" >= 0);
