import { useRouteLoaderData } from "@remix-run/react";
import { DEFAULT_LOCALE, type Locale } from "./locale";
import { translator, type T } from "./translate";

/** The locale chosen by the root loader (Chinese while the root loader has no data, e.g. on a crash page). */
export function useLocale(): Locale {
  const data = useRouteLoaderData("root") as { locale?: Locale } | undefined;
  return data?.locale ?? DEFAULT_LOCALE;
}

/** `t` for the current locale, in components. */
export function useT(): T {
  return translator(useLocale());
}
