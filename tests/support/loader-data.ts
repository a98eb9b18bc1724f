/** A loader's data, unwrapped from Remix's `data(value, init)` when the route returns one (public pages add caching headers). */
export function loaderData<T>(result: unknown): T {
  const wrapped = result !== null && typeof result === "object" && "data" in result && "init" in result && (result as { type?: string }).type === "DataWithResponseInit";
  return (wrapped ? (result as { data: unknown }).data : result) as T;
}
