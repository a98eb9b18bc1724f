/**
 * Rules for the documents attached to a lot (合格证, 检测报告, certificate scans): which kinds there
 * are, which file types are accepted (decided by the bytes, never by the name), how large, where they
 * are stored and under which name they are served. Pure; the sniffing itself is in lots.server.ts.
 */
import type { LotAttachmentKind } from "~/generated/prisma/enums";

/** In the order the form offers them. */
export const ATTACHMENT_KINDS = ["qualification_certificate", "test_report", "green_food", "organic", "geo_indication", "other"] as const satisfies readonly LotAttachmentKind[];

/** True when the text is an attachment kind. */
export function isAttachmentKind(value: unknown): value is LotAttachmentKind {
  return typeof value === "string" && (ATTACHMENT_KINDS as readonly string[]).includes(value);
}

/** The accepted content types and the extension each is stored and served with. */
export const ACCEPTED_TYPES = {
  "application/pdf": "pdf",
  "image/jpeg": "jpg",
  "image/png": "png",
  "image/webp": "webp",
} as const;
export type AcceptedType = keyof typeof ACCEPTED_TYPES;

/** For the file input's `accept` (a hint for the phone's picker; the server still sniffs). */
export const ACCEPT_ATTRIBUTE = "application/pdf,image/jpeg,image/png,image/webp,.pdf,.jpg,.jpeg,.png,.webp";

/** At most this many documents per lot. */
export const MAX_ATTACHMENTS_PER_LOT = 20;

/** Why an upload was refused, as a catalogue key. */
export type AttachmentProblem =
  | "lots.attachment.missing"
  | "lots.attachment.tooLarge"
  | "lots.attachment.heic"
  | "lots.attachment.badType"
  | "lots.attachment.tooMany";

/** What the server learnt about an uploaded file: its size and the type its bytes say (undefined when unknown). */
export interface UploadFacts {
  byteSize: number;
  /** MIME type detected from the content (file-type), not the browser's claim. */
  detectedType: string | undefined;
  existingCount: number;
  maxBytes: number;
}

/** Accepts a PDF or image by its content, within the size and count limits; otherwise says why not. */
export function checkAttachment(facts: UploadFacts): { ok: true; contentType: AcceptedType; ext: string } | { ok: false; problem: AttachmentProblem } {
  if (facts.byteSize === 0) return { ok: false, problem: "lots.attachment.missing" };
  if (facts.byteSize > facts.maxBytes) return { ok: false, problem: "lots.attachment.tooLarge" };
  if (facts.existingCount >= MAX_ATTACHMENTS_PER_LOT) return { ok: false, problem: "lots.attachment.tooMany" };
  const type = facts.detectedType;
  if (type === "image/heic" || type === "image/heif" || type === "image/heic-sequence" || type === "image/heif-sequence") return { ok: false, problem: "lots.attachment.heic" };
  if (!type || !(type in ACCEPTED_TYPES)) return { ok: false, problem: "lots.attachment.badType" };
  return { ok: true, contentType: type as AcceptedType, ext: ACCEPTED_TYPES[type as AcceptedType] };
}

/** Where an attachment's bytes live: `lots/<lotId>/<objectId>.<ext>`. */
export function attachmentKey(lotId: string, objectId: string, ext: string): string {
  return `lots/${lotId}/${objectId}.${ext}`;
}

/** Largest original name kept (longer ones are cut, keeping the extension). */
const MAX_NAME = 120;

/**
 * The file name to keep and serve: the last path segment of what the phone sent, without control
 * characters, quotes, slashes or other characters that break a header or a file system, cut to 120
 * characters, and with the extension of the detected type (a JPEG sent as "报告.pdf" becomes
 * "报告.jpg"). Empty names become "<kind>.<ext>".
 */
export function safeFileName(originalName: string, ext: string, fallbackStem = "attachment"): string {
  const base = originalName.split(/[/\\]/).pop() ?? "";
  const cleaned = base
    .normalize("NFC")
    .replace(/[\u0000-\u001f\u007f"*:<>?|\\/;\u2028\u2029\ufffd]/g, "")
    .replace(/\s+/g, " ")
    .trim();
  let stem = cleaned.replace(/\.[^.]{1,8}$/, "").replace(/^\.+/, "").trim();
  if (!stem) stem = fallbackStem;
  if (stem.length > MAX_NAME) stem = stem.slice(0, MAX_NAME);
  return `${stem}.${ext}`;
}

/**
 * A Content-Disposition value carrying a name safely: an ASCII fallback (non-ASCII as "_") for old
 * clients and the exact UTF-8 name in `filename*` (RFC 6266 / 8187), which every current browser uses.
 */
export function contentDisposition(kind: "inline" | "attachment", fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, "_").replace(/["\\%]/g, "_");
  const encoded = encodeURIComponent(fileName).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `${kind}; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

/** A byte count for people: "820 KB", "3.4 MB". */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${Math.max(1, Math.round(bytes / 1024))} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}
