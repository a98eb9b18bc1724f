import pino from "pino";
import { env } from "./env.server";

/** Structured JSON logs (pino); one logger per process. */
export const logger = pino({
  level: process.env.LOG_LEVEL ?? (process.env.NODE_ENV === "test" ? "warn" : "info"),
  base: { app: "huming-direct" },
  timestamp: pino.stdTimeFunctions.isoTime,
});

/** Re-reads the validated log level once the environment is known. */
export function configureLogger(): void {
  logger.level = env().LOG_LEVEL;
}
