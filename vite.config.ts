import { vitePlugin as remix } from "@remix-run/dev";
import tailwindcss from "@tailwindcss/vite";
import path from "node:path";
import { defineConfig, type Plugin } from "vite";
import tsconfigPaths from "vite-tsconfig-paths";
import remixConfig from "./remix.config.js";
import { messages } from "./app/utils/i18n/messages";
import { isPublicMessage } from "./app/utils/i18n/public-messages";

declare module "@remix-run/node" {
  interface Future {
    v3_singleFetch: true;
  }
}

const VIRTUAL_MESSAGES = "virtual:huming-messages/";
const BILINGUAL_KEY = /^error\.\w+\.title$/;

/**
 * The browser gets one language's strings (first-load JavaScript on weak networks): translate.ts's message table
 * becomes message-table.browser.ts in the client build, and `virtual:huming-messages/zh|en` are generated from
 * the catalogue (entry.client loads the page's one); `…/zh-public|en-public` hold a signed-out visitor's strings only
 * (app/utils/i18n/public-messages.ts).
 */
function browserMessages(): Plugin {
  const browserTable = path.resolve("app/utils/i18n/message-table.browser.ts");
  return {
    name: "huming-browser-messages",
    enforce: "pre",
    resolveId(id, importer, options) {
      if (id.startsWith(VIRTUAL_MESSAGES)) return `\0${id}`;
      if (!options?.ssr && id === "./message-table" && importer && path.basename(importer) === "translate.ts") return browserTable;
      return null;
    },
    load(id) {
      if (!id.startsWith(`\0${VIRTUAL_MESSAGES}`)) return null;
      const name = id.slice(`\0${VIRTUAL_MESSAGES}`.length);
      const [locale, scope] = name.split("-");
      if ((locale !== "zh" && locale !== "en") || (scope !== undefined && scope !== "public")) throw new Error(`No message table for "${name}"`);
      const other = locale === "zh" ? "en" : "zh";
      const entries = Object.entries(messages).filter(([key]) => scope !== "public" || isPublicMessage(key));
      const table: Record<string, string> = Object.fromEntries(entries.map(([key, text]) => [key, text[locale]]));
      // The error page shows its title in both languages (root.tsx ErrorBoundary).
      for (const [key, text] of entries) if (BILINGUAL_KEY.test(key)) table[`${other}:${key}`] = text[other];
      return `export default ${JSON.stringify(table)};`;
    },
  };
}

export default defineConfig({
  plugins: [browserMessages(), tailwindcss(), remix(remixConfig), tsconfigPaths()],
  server: { port: 3000 },
  // argon2's package has a browser entry Vite's dependency scan cannot resolve; it is server-only.
  optimizeDeps: { exclude: ["@node-rs/argon2", "@node-rs/jieba"] },
  ssr: {
    // Native / wasm packages, and those reading their own files from disk (pdfkit, the label font), must stay external to the server bundle.
    external: ["@electric-sql/pglite", "@prisma/schema-engine-wasm", "sharp", "@node-rs/argon2", "@node-rs/jieba", "pg", "pino", "pdfkit", "@embedpdf/fonts-sc", "qrcode"],
  },
});
