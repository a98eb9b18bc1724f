-- CreateTable
CREATE TABLE "search_documents" (
    "product_id" UUID NOT NULL,
    "seller_id" UUID NOT NULL,
    "terms" TEXT[],
    "zh_tokens" TEXT NOT NULL,
    "zh_search" TEXT NOT NULL,
    "pinyin_full" TEXT NOT NULL,
    "pinyin_initials" TEXT NOT NULL,
    "en" TEXT NOT NULL,
    "synonyms" TEXT NOT NULL,
    "latin_text" TEXT NOT NULL,
    "category" "ProductCategory" NOT NULL,
    "origin_county" TEXT NOT NULL,
    "temp_class" "TempClass" NOT NULL,
    "cert_kinds" TEXT[],
    "in_stock" BOOLEAN NOT NULL,
    "available_soon" BOOLEAN NOT NULL,
    "min_price_per_kg_fen" INTEGER,
    "created_at" TIMESTAMPTZ(6) NOT NULL,
    "indexed_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "search_documents_pkey" PRIMARY KEY ("product_id")
);

-- CreateIndex
CREATE INDEX "search_documents_seller_id_idx" ON "search_documents"("seller_id");

-- CreateIndex
CREATE INDEX "search_documents_category_idx" ON "search_documents"("category");

-- CreateIndex
CREATE INDEX "search_documents_origin_county_idx" ON "search_documents"("origin_county");

-- CreateIndex
CREATE INDEX "search_documents_created_at_idx" ON "search_documents"("created_at");

-- AddForeignKey
ALTER TABLE "search_documents" ADD CONSTRAINT "search_documents_product_id_fkey" FOREIGN KEY ("product_id") REFERENCES "products"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Hand-written: the trigram extension (loaded into PGlite, shipped with a server's contrib), GIN and trigram indexes, CHECKs
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE INDEX "search_documents_terms_gin" ON "search_documents" USING GIN ("terms");
CREATE INDEX "search_documents_cert_kinds_gin" ON "search_documents" USING GIN ("cert_kinds");
CREATE INDEX "search_documents_latin_text_trgm" ON "search_documents" USING GIN ("latin_text" gin_trgm_ops);
CREATE INDEX "search_documents_min_price_idx" ON "search_documents" ("min_price_per_kg_fen");
ALTER TABLE "search_documents" ADD CONSTRAINT "search_documents_min_price_check" CHECK ("min_price_per_kg_fen" IS NULL OR "min_price_per_kg_fen" >= 0);
ALTER TABLE "search_documents" ADD CONSTRAINT "search_documents_latin_text_length_check" CHECK (length("latin_text") <= 20000);
