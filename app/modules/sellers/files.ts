/**
 * Rules for the files a seller uploads with its profile (pure): licence images and scans, profile photos.
 * The type is decided by the file's content (sniffed on the server), never by its name or the browser's claim.
 */
import type { OrgFileKind } from "~/generated/prisma/enums";
import type { MessageKey } from "~/utils/i18n/messages";

/** Content types accepted, with the extension their storage key gets. */
export const ORG_FILE_TYPES = {
  "image/jpeg": "jpg",
  "image/png": "png",
  "image/webp": "webp",
  "application/pdf": "pdf",
} as const;
export type OrgFileType = keyof typeof ORG_FILE_TYPES;

export const ORG_FILE_KINDS: readonly OrgFileKind[] = ["business_licence", "food_licence", "profile_photo"];

/** Files an organization may keep per kind (a licence is a page or two; photos for the profile). */
export const MAX_FILES_PER_KIND = 8;

export function isOrgFileKind(value: unknown): value is OrgFileKind {
  return typeof value === "string" && (ORG_FILE_KINDS as readonly string[]).includes(value);
}

export function isOrgFileType(mime: string | undefined): mime is OrgFileType {
  return mime !== undefined && Object.hasOwn(ORG_FILE_TYPES, mime);
}

/** Profile photos are pictures; licences may also be PDF scans. */
export function acceptsType(kind: OrgFileKind, mime: OrgFileType): boolean {
  return kind !== "profile_photo" || mime !== "application/pdf";
}

/** MAX_UPLOAD_MB as bytes. */
export function maxUploadBytes(megabytes: number): number {
  return Math.floor(megabytes * 1024 * 1024);
}

/** The storage key of an organization's file: `orgs/<orgId>/<fileId>.<ext>`. */
export function orgFileKey(organizationId: string, fileId: string, mime: OrgFileType): string {
  return `orgs/${organizationId}/${fileId}.${ORG_FILE_TYPES[mime]}`;
}

export type UploadRefusal = { error: MessageKey; params?: Record<string, string | number> };

/** Refuses an empty or oversized upload before its content is looked at; null when the size is fine. */
export function checkUploadSize(byteSize: number, maxBytes: number): UploadRefusal | null {
  if (byteSize <= 0) return { error: "onboarding.file.empty" };
  if (byteSize > maxBytes) return { error: "onboarding.file.tooLarge", params: { mb: formatMegabytes(maxBytes) } };
  return null;
}

/** "15", "2.5": a byte limit in megabytes for messages. */
export function formatMegabytes(bytes: number): string {
  const mb = bytes / (1024 * 1024);
  return Number.isInteger(mb) ? String(mb) : mb.toFixed(1);
}
