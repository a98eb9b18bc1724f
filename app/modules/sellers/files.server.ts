/**
 * An organization's private files (licence images and scans, profile photos): OrganizationFile rows with the
 * bytes in storage under `orgs/<orgId>/<fileId>.<ext>`, stored as uploaded. The type is sniffed from the content
 * (file-type): JPEG, PNG, WebP or PDF only, whatever the file is called.
 */
import { randomUUID } from "node:crypto";
import { fileTypeFromBuffer } from "file-type";
import sharp from "sharp";
import type { PrismaClient } from "~/generated/prisma/client";
import type { OrgFileKind } from "~/generated/prisma/enums";
import type { Storage } from "~/modules/storage/index.server";
import { logger } from "~/utils/logger.server";
import { acceptsType, checkUploadSize, isOrgFileType, MAX_FILES_PER_KIND, orgFileKey, type UploadRefusal } from "./files";
import { ORG_FILE_SELECT, resetVerificationIfVerified, type OrgFileRow } from "./profile.server";
import { isLicenceFile } from "./status";

type Db = PrismaClient;

export type AddFileResult = { ok: true; file: OrgFileRow; verificationReset: boolean } | ({ ok: false } & UploadRefusal);

/** Width and height of an image as shown (EXIF orientation applied), read from its header; null when unreadable. */
async function imageSize(body: Buffer): Promise<{ width: number; height: number } | null> {
  try {
    const meta = await sharp(body).metadata();
    const width = meta.autoOrient?.width ?? meta.width;
    const height = meta.autoOrient?.height ?? meta.height;
    return width && height ? { width, height } : null;
  } catch {
    return null;
  }
}

/**
 * Stores an uploaded file for the organization after checking its size (maxBytes), its content type and the
 * per-kind limit. A licence file added to a verified seller sends it back to review.
 */
export async function addOrganizationFile(
  db: Db,
  storage: Storage,
  input: { organizationId: string; kind: OrgFileKind; body: Buffer; maxBytes: number; now?: Date },
): Promise<AddFileResult> {
  const now = input.now ?? new Date();
  const sizeProblem = checkUploadSize(input.body.byteLength, input.maxBytes);
  if (sizeProblem) return { ok: false, ...sizeProblem };
  const sniffed = await fileTypeFromBuffer(input.body);
  const mime = sniffed?.mime;
  if (!isOrgFileType(mime)) {
    return { ok: false, error: sniffed?.mime === "image/heic" || sniffed?.mime === "image/heif" ? "onboarding.file.heic" : "onboarding.file.type" };
  }
  if (!acceptsType(input.kind, mime)) return { ok: false, error: "onboarding.file.photoType" };
  let size: { width: number; height: number } | null = null;
  if (mime !== "application/pdf") {
    size = await imageSize(input.body);
    if (!size) return { ok: false, error: "onboarding.file.unreadable" };
  }
  const count = await db.organizationFile.count({ where: { organizationId: input.organizationId, kind: input.kind } });
  if (count >= MAX_FILES_PER_KIND) return { ok: false, error: "onboarding.file.tooMany", params: { max: MAX_FILES_PER_KIND } };
  const id = randomUUID();
  const storageKey = orgFileKey(input.organizationId, id, mime);
  await storage.put(storageKey, input.body, mime);
  try {
    return await db.$transaction(async (tx) => {
      const file = await tx.organizationFile.create({
        data: {
          id,
          organizationId: input.organizationId,
          kind: input.kind,
          storageKey,
          contentType: mime,
          byteSize: input.body.byteLength,
          width: size?.width ?? null,
          height: size?.height ?? null,
          createdAt: now,
        },
        select: ORG_FILE_SELECT,
      });
      const verificationReset = isLicenceFile(input.kind) ? await resetVerificationIfVerified(tx, input.organizationId, now) : false;
      return { ok: true as const, file, verificationReset };
    });
  } catch (error) {
    // No row, so no one can reach the bytes: take them away again.
    await storage.delete(storageKey).catch((e: unknown) => logger.warn({ err: e, storageKey }, "could not remove an orphaned upload"));
    throw error;
  }
}

export type DeleteFileResult = { kind: "ok"; verificationReset: boolean } | { kind: "not_found" } | { kind: "forbidden" };

/** Deletes one of the organization's files (row, then bytes); another organization's file is "forbidden". */
export async function deleteOrganizationFile(db: Db, storage: Storage, input: { organizationId: string; fileId: string; now?: Date }): Promise<DeleteFileResult> {
  const now = input.now ?? new Date();
  const file = await db.organizationFile.findUnique({ where: { id: input.fileId }, select: { organizationId: true, kind: true, storageKey: true } });
  if (!file) return { kind: "not_found" };
  if (file.organizationId !== input.organizationId) return { kind: "forbidden" };
  const verificationReset = await db.$transaction(async (tx) => {
    const deleted = await tx.organizationFile.deleteMany({ where: { id: input.fileId, organizationId: input.organizationId } });
    return deleted.count > 0 && isLicenceFile(file.kind) ? resetVerificationIfVerified(tx, input.organizationId, now) : false;
  });
  await storage.delete(file.storageKey).catch((e: unknown) => logger.warn({ err: e, storageKey: file.storageKey }, "could not remove a deleted file's bytes"));
  return { kind: "ok", verificationReset };
}

/** Who owns a file and where its bytes are, for the private file route; null when there is no such file. */
export async function findOrganizationFile(db: Db, fileId: string): Promise<{ id: string; organizationId: string; kind: OrgFileKind; storageKey: string; contentType: string } | null> {
  return db.organizationFile.findUnique({ where: { id: fileId }, select: { id: true, organizationId: true, kind: true, storageKey: true, contentType: true } });
}
