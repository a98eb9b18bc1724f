/** A loader value as the page receives it: dates may arrive as ISO strings. */
export type Wire<T> = T extends Date
  ? Date | string
  : T extends readonly (infer U)[]
  ? Wire<U>[]
  : T extends object
  ? { [K in keyof T]: Wire<T[K]> }
  : T;
