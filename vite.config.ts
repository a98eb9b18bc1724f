import { vitePlugin as remix } from "@remix-run/dev";
import tailwindcss from "@tailwindcss/vite";
import { defineConfig } from "vite";
import tsconfigPaths from "vite-tsconfig-paths";
import remixConfig from "./remix.config.js";

declare module "@remix-run/node" {
  interface Future {
    v3_singleFetch: true;
  }
}

export default defineConfig({
  plugins: [tailwindcss(), remix(remixConfig), tsconfigPaths()],
  server: { port: 3000 },
  // argon2's package has a browser entry Vite's dependency scan cannot resolve; it is server-only.
  optimizeDeps: { exclude: ["@node-rs/argon2", "@node-rs/jieba"] },
  ssr: {
    // Native / wasm packages, and those reading their own files from disk (pdfkit, the label font), must stay external to the server bundle.
    external: ["@electric-sql/pglite", "@prisma/schema-engine-wasm", "sharp", "@node-rs/argon2", "@node-rs/jieba", "pg", "pino", "pdfkit", "@embedpdf/fonts-sc", "qrcode"],
  },
});
