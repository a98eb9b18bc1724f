import { createContext, useContext } from "react";

/** What only the server knows about the document request: its CSP nonce and its request id. */
export interface DocumentRequest {
  nonce: string;
  requestId: string;
}

// The CSP nonce exists only while the server renders; in the browser the context is empty, and
// browsers hide nonce attribute values from the DOM anyway, so hydration sees no difference.
const DocumentRequestContext = createContext<DocumentRequest>({ nonce: "", requestId: "" });

/** Provides the document request's nonce and id to the document (entry.server.tsx). */
export const DocumentRequestProvider = DocumentRequestContext.Provider;

/** The CSP nonce for inline scripts rendered by Remix (<Scripts>, <ScrollRestoration>). */
export function useNonce(): string {
  return useContext(DocumentRequestContext).nonce;
}

// The server writes the id into <meta name="request-id">; the browser reads it back once, before
// hydrating, so both render the same error page text.
const documentRequestId = typeof document === "undefined" ? "" : (document.querySelector('meta[name="request-id"]')?.getAttribute("content") ?? "");

/** The id of the request that rendered this document (shown on error pages, also when no loader ran). */
export function useDocumentRequestId(): string {
  return useContext(DocumentRequestContext).requestId || documentRequestId;
}
