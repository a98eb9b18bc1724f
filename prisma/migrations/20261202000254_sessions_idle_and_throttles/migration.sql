-- AlterTable
ALTER TABLE "sessions" ADD COLUMN     "last_seen_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP;

-- CreateTable
CREATE TABLE "registration_attempts" (
    "id" BIGSERIAL NOT NULL,
    "ip" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "registration_attempts_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "registration_attempts_ip_created_at_idx" ON "registration_attempts"("ip", "created_at");

-- CreateIndex
CREATE INDEX "registration_attempts_created_at_idx" ON "registration_attempts"("created_at");

-- CreateIndex
CREATE INDEX "login_attempts_created_at_idx" ON "login_attempts"("created_at");

-- CHECK constraints (Prisma cannot express them, see the header of prisma/schema.prisma)
ALTER TABLE "sessions"
  ADD CONSTRAINT "sessions_last_seen_check" CHECK ("last_seen_at" >= "created_at");
