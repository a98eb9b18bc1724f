/**
 * The browser entry: installs the page's language (one language's strings, see message-table.browser.ts, and for a
 * signed-out visitor only the public ones, see public-messages.ts),
 * then hydrates. The page is fully server-rendered and usable before this runs.
 */
import { RemixBrowser } from "@remix-run/react";
import { startTransition, StrictMode } from "react";
import { hydrateRoot } from "react-dom/client";
import { installMessages } from "~/utils/i18n/message-table.browser";

// Each a static import() so the build makes one chunk per table.
const TABLES = {
  zh: () => import("virtual:huming-messages/zh"),
  en: () => import("virtual:huming-messages/en"),
  "zh-public": () => import("virtual:huming-messages/zh-public"),
  "en-public": () => import("virtual:huming-messages/en-public"),
} as const;

async function hydrate(): Promise<void> {
  const english = document.documentElement.lang === "en";
  // A signed-out visitor's document asks for the public strings only (root.tsx, public-messages.ts).
  const scope = document.documentElement.dataset.messages === "public" ? "-public" : "";
  const table = (await TABLES[`${english ? "en" : "zh"}${scope}`]()).default;
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
