-- CreateTable
CREATE TABLE "search_terms" (
    "term" TEXT NOT NULL,

    CONSTRAINT "search_terms_pkey" PRIMARY KEY ("term")
);

-- CreateIndex
CREATE INDEX "search_terms_term_trgm" ON "search_terms" USING GIN ("term" gin_trgm_ops);

-- Hand-written: words only, short
ALTER TABLE "search_terms" ADD CONSTRAINT "search_terms_term_check" CHECK ("term" ~ '^[a-z0-9]{1,64}$');
