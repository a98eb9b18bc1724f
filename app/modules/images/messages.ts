/** Catalogue keys for photo refusals (pure, shared by server answers and the browser uploader). */
import type { MessageKey } from "~/utils/i18n/messages";
import type { PhotoRefusal, PhotoRefusalCode } from "./plan";

/** The message of a refusal code. */
export function refusalKey(code: PhotoRefusalCode): MessageKey {
  const key: `photos.error.${PhotoRefusalCode}` = `photos.error.${code}`;
  return key;
}

/** A refusal as pages and the upload route send it: a catalogue key and its parameters. */
export interface PhotoMessage {
  key: MessageKey;
  params?: Record<string, string | number>;
  /** Worth trying again unchanged (the server could not store it just now). */
  retry?: boolean;
}

export function refusalMessage(refusal: PhotoRefusal): PhotoMessage {
  return { key: refusalKey(refusal.code), params: refusal.params, ...(refusal.code === "failed" ? { retry: true } : {}) };
}

/** One file's outcome in an upload answer. */
export interface UploadFileAnswer {
  name: string;
  ok: boolean;
  /** The new photo's id when it was added. */
  photoId?: string;
  error?: PhotoMessage;
}

/** What the upload route (and the page action for a plain form) answers. */
export interface UploadAnswer {
  files: UploadFileAnswer[];
  /** A refusal of the whole request (too large, no file). */
  error?: PhotoMessage;
}
