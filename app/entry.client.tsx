/**
 * The browser entry: installs the page's language (one language's strings, see message-table.browser.ts),
 * then hydrates. The page is fully server-rendered and usable before this runs.
 */
import { RemixBrowser } from "@remix-run/react";
import { startTransition, StrictMode } from "react";
import { hydrateRoot } from "react-dom/client";
import { installMessages } from "~/utils/i18n/message-table.browser";

async function hydrate(): Promise<void> {
  const english = document.documentElement.lang === "en";
  const table = english ? (await import("virtual:huming-messages/en")).default : (await import("virtual:huming-messages/zh")).default;
  installMessages(table);
  startTransition(() => {
    hydrateRoot(
      document,
      <StrictMode>
        <RemixBrowser />
      </StrictMode>,
    );
  });
}

void hydrate();
