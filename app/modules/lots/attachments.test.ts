import { describe, expect, it } from "vitest";
import { attachmentKey, checkAttachment, contentDisposition, formatBytes, isAttachmentKind, MAX_ATTACHMENTS_PER_LOT, safeFileName } from "./attachments";
import { assertStorageKey } from "~/modules/storage/storage.server";

const MB = 1024 * 1024;
const facts = (detectedType: string | undefined, byteSize = 200_000, existingCount = 0) => ({ detectedType, byteSize, existingCount, maxBytes: 15 * MB });

describe("attachment kinds", () => {
  it("knows the six kinds of the schema", () => {
    for (const k of ["qualification_certificate", "test_report", "green_food", "organic", "geo_indication", "other"]) expect(isAttachmentKind(k)).toBe(true);
    expect(isAttachmentKind("sc_licence")).toBe(false);
    expect(isAttachmentKind(undefined)).toBe(false);
  });
});

describe("checkAttachment (by content, never by name)", () => {
  it("accepts PDFs and JPEG, PNG and WebP images, with the extension of what they are", () => {
    expect(checkAttachment(facts("application/pdf"))).toEqual({ ok: true, contentType: "application/pdf", ext: "pdf" });
    expect(checkAttachment(facts("image/jpeg"))).toEqual({ ok: true, contentType: "image/jpeg", ext: "jpg" });
    expect(checkAttachment(facts("image/png"))).toMatchObject({ ok: true, ext: "png" });
    expect(checkAttachment(facts("image/webp"))).toMatchObject({ ok: true, ext: "webp" });
  });
  it("refuses unknown content (a text file renamed .pdf), archives, SVG and executables", () => {
    for (const type of [undefined, "application/zip", "image/svg+xml", "application/x-msdownload", "text/html", "image/gif"]) {
      expect(checkAttachment(facts(type))).toEqual({ ok: false, problem: "lots.attachment.badType" });
    }
  });
  it("explains HEIC photos separately", () => {
    expect(checkAttachment(facts("image/heic"))).toEqual({ ok: false, problem: "lots.attachment.heic" });
    expect(checkAttachment(facts("image/heif"))).toEqual({ ok: false, problem: "lots.attachment.heic" });
  });
  it("refuses empty files, files over the limit and a lot's 21st document", () => {
    expect(checkAttachment(facts("application/pdf", 0))).toEqual({ ok: false, problem: "lots.attachment.missing" });
    expect(checkAttachment(facts("application/pdf", 15 * MB))).toMatchObject({ ok: true });
    expect(checkAttachment(facts("application/pdf", 15 * MB + 1))).toEqual({ ok: false, problem: "lots.attachment.tooLarge" });
    expect(checkAttachment(facts("application/pdf", 1000, MAX_ATTACHMENTS_PER_LOT))).toEqual({ ok: false, problem: "lots.attachment.tooMany" });
  });
});

describe("storage key and file name", () => {
  it("stores under lots/<lotId>/<id>.<ext>, a valid storage key", () => {
    const key = attachmentKey("3f1c2a9e-8d4b-4c1e-9a7f-2b6d5e4c3a21", "AbC_12-xyz", "pdf");
    expect(key).toBe("lots/3f1c2a9e-8d4b-4c1e-9a7f-2b6d5e4c3a21/AbC_12-xyz.pdf");
    expect(() => assertStorageKey(key)).not.toThrow();
  });
  it("keeps a Chinese name, drops paths and header-breaking characters, and fixes the extension to the content", () => {
    expect(safeFileName("检测报告 2026.pdf", "pdf")).toBe("检测报告 2026.pdf");
    expect(safeFileName("C:\\Users\\lin\\合格证.JPG", "jpg")).toBe("合格证.jpg");
    expect(safeFileName("../../etc/passwd", "pdf")).toBe("passwd.pdf");
    expect(safeFileName('a"b;c\r\nd.pdf', "pdf")).toBe("abcd.pdf");
    expect(safeFileName("photo.pdf", "jpg")).toBe("photo.jpg");
    expect(safeFileName("", "png", "test_report")).toBe("test_report.png");
    expect(safeFileName(".pdf", "pdf")).toBe("attachment.pdf");
    expect(safeFileName(`${"长".repeat(300)}.pdf`, "pdf")).toHaveLength(124);
  });
  it("writes Content-Disposition with an ASCII fallback and the exact UTF-8 name", () => {
    expect(contentDisposition("attachment", "检测报告.pdf")).toBe(`attachment; filename="____.pdf"; filename*=UTF-8''%E6%A3%80%E6%B5%8B%E6%8A%A5%E5%91%8A.pdf`);
    expect(contentDisposition("inline", "label-20261130-1.pdf")).toBe(`inline; filename="label-20261130-1.pdf"; filename*=UTF-8''label-20261130-1.pdf`);
    expect(contentDisposition("inline", "it's (1).pdf")).toContain("filename*=UTF-8''it%27s%20%281%29.pdf");
  });
  it("formats sizes for people", () => {
    expect(formatBytes(512)).toBe("512 B");
    expect(formatBytes(820 * 1024)).toBe("820 KB");
    expect(formatBytes(3.4 * MB)).toBe("3.4 MB");
  });
});
