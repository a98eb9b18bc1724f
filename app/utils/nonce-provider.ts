import { createContext, useContext } from "react";

// The CSP nonce exists only while the server renders; in the browser the context is empty, and
// browsers hide nonce attribute values from the DOM anyway, so hydration sees no difference.
const NonceContext = createContext<string>("");

/** Provides the response's CSP nonce to the document (entry.server.tsx). */
export const NonceProvider = NonceContext.Provider;

/** The CSP nonce for inline scripts rendered by Remix (<Scripts>, <ScrollRestoration>). */
export function useNonce(): string {
  return useContext(NonceContext);
}
