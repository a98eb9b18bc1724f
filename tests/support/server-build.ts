import type { ServerBuild } from "@remix-run/node";
import * as entry from "../../app/entry.server";
import * as root from "../../app/root";

/** A route module as a test imports it. */
export type RouteModuleLike = Record<string, unknown>;

/** A page route of the test build: its Remix id, URL path and module (all children of the root layout). */
export interface TestRoute {
  id: string;
  path?: string;
  index?: boolean;
  module: RouteModuleLike;
}

/**
 * A production-mode Remix server build from route modules imported by the test, so whole documents
 * (root layout, entry.server, the page) render exactly as the server renders them, without Vite.
 */
export function testServerBuild(routes: readonly TestRoute[]): ServerBuild {

  const all = [{ id: "root", path: "", module: root as RouteModuleLike }, ...routes.map((r) => ({ ...r, parentId: "root" }))];
  const serverRoutes = Object.fromEntries(all.map((r) => [r.id, { ...r, module: r.module }]));
  const assetRoutes = Object.fromEntries(
    all.map((r) => [
      r.id,
      {
        id: r.id,
        parentId: "parentId" in r ? r.parentId : undefined,
        path: r.path,
        index: "index" in r ? r.index : undefined,
        hasAction: typeof r.module.action === "function",
        hasLoader: typeof r.module.loader === "function",
        hasClientAction: false,
        hasClientLoader: false,
        hasErrorBoundary: typeof r.module.ErrorBoundary === "function",
        module: `/${r.id}.js`,
        imports: [],
      },
    ]),
  );
  return {
    mode: "production",
    entry: { module: entry as never },
    routes: serverRoutes as never,
    assets: { entry: { imports: [], module: "/entry.client.js" }, routes: assetRoutes as never, url: "/manifest.js", version: "test" },
    publicPath: "/",
    assetsBuildDirectory: "build/client",
    future: { v3_fetcherPersist: true, v3_relativeSplatPath: true, v3_throwAbortReason: true, v3_lazyRouteDiscovery: true, v3_singleFetch: true },
    isSpaMode: false,
  };
}
