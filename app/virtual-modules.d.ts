/** One language's message table, generated from the catalogue at build time (vite.config.ts). */
declare module "virtual:huming-messages/*" {
  const messages: Record<string, string>;
  export default messages;
}
