/**
 * `RouteMap`: a plan's routes drawn over Shanghai's district outlines as one SVG, rendered on the server and
 * complete without JavaScript (no tiles, nothing fetched). Each route is a coloured line warehouse → stops →
 * warehouse with numbered stop markers; locked stops are squares (shape as well as colour), unassigned stops
 * grey rings, and a legend below names the routes. Screen readers get `role="img"`, an aria-label with the
 * counts, and a `<title>` on every marker. The drawing scales to its container (viewBox, width 100%).
 *
 * Props:
 * - `title`: what the map shows ("6 月 3 日 杨浦配送仓 方案 v2"); the SVG's title and the start of its label.
 * - `warehouses`: depots, WGS-84 `lat`/`lng`; a route starts and ends at the only one, or at the one nearest its
 *   first stop when several are given.
 * - `routes`: `label` (e.g. the van's plate), `color` (CSS colour, ROUTE_COLORS), `stops` with their visit
 *   `sequence` (from 1, drawn in that order whatever the array order), WGS-84 coordinates, `locked`.
 * - `unassigned`: stops on no route.
 * - `highlightStopId`: a stop (routed or not) drawn larger with a ring, e.g. the one a page is about.
 *
 * Bundle (chosen: compute in the component, not in the loader): d3-geo's Mercator and path (~25 KB minified,
 * ~10 KB gzipped) and the outlines simplified to 33 KB (~7 KB gzipped, geo/README.md) ride in the JavaScript of
 * the one route that renders a map (the operator's plan page), a hashed chunk fetched once and cached; the
 * client build measured the plan page's chunk at 76 KB / 23 KB gzipped with the map in it. Pre-projected path
 * strings from the loader would instead travel, uncached, with every loader response (~25 KB of paths again
 * after each move or lock on the plan page), and hydration redraws exactly what the server sent either way.
 */
import { useId } from "react";
import { routeMapGeometry, type RouteMapGeometry } from "~/modules/delivery/map-projection";
import { useT } from "~/utils/i18n/use-t";

export interface RouteMapProps {
  title: string;
  warehouses: { id: string; name: string; lat: number; lng: number }[];
  routes: {
    id: string;
    label: string;
    color: string;
    stops: { id: string; sequence: number; name: string; lat: number; lng: number; locked: boolean }[];
  }[];
  unassigned: { id: string; name: string; lat: number; lng: number }[];
  highlightStopId?: string;
}

const UNASSIGNED = "#6b7280";
const LAND = "#f5f5f0";
const BORDER = "#c8ccc2";
const WATER = "#e6eef5";

type Stop = RouteMapGeometry["routes"][number]["stops"][number];

function StopMarker({ stop, color, title, highlighted }: { stop: Stop; color: string; title: string; highlighted: boolean }) {
  const r = highlighted ? 11 : 8.5;
  return (
    <g data-stop={stop.id} data-locked={stop.locked ? "true" : undefined}>
      <title>{title}</title>
      {highlighted ? <circle cx={stop.x} cy={stop.y} r={r + 5} fill="none" stroke="#111827" strokeWidth={2.5} /> : null}
      {stop.locked ? (
        <rect x={stop.x - r} y={stop.y - r} width={2 * r} height={2 * r} rx={2} fill={color} stroke="#ffffff" strokeWidth={1.5} />
      ) : (
        <circle cx={stop.x} cy={stop.y} r={r} fill="#ffffff" stroke={color} strokeWidth={2.5} />
      )}
      <text x={stop.x} y={stop.y} dy="0.35em" textAnchor="middle" fontSize={highlighted ? 12 : 10} fontWeight={700} fill={stop.locked ? "#ffffff" : "#111827"}>
        {stop.sequence}
      </text>
    </g>
  );
}

/** The route map (see the file's header for the props). */
export function RouteMap({ title, warehouses, routes, unassigned, highlightStopId }: RouteMapProps) {
  const t = useT();
  const id = useId();
  const geo = routeMapGeometry({ warehouses, routes, unassigned });
  const stopCount = routes.reduce((n, r) => n + r.stops.length, 0);
  const label = t("routeMap.label", { title, routes: routes.length, stops: stopCount, unassigned: unassigned.length });
  return (
    <figure className="route-map w-full" aria-labelledby={`${id}-caption`}>
      <svg
        viewBox={`0 0 ${geo.width} ${geo.height}`}
        width="100%"
        role="img"
        aria-label={label}
        className="block h-auto w-full rounded border border-stone-200"
        style={{ background: WATER }}
        fontFamily="system-ui, 'PingFang SC', 'Noto Sans SC', sans-serif"
      >
        <title>{label}</title>
        <g aria-hidden="true">
          {geo.districts.map((d) => (
            <path key={d.name} d={d.path} fill={LAND} stroke={BORDER} strokeWidth={1} strokeLinejoin="round" />
          ))}
          {geo.districts.map((d) =>
            d.label ? (
              <text key={d.name} x={d.label.x} y={d.label.y} textAnchor="middle" fontSize={12} fill="#9ca3af" stroke={LAND} strokeWidth={3} paintOrder="stroke">
                {d.name}
              </text>
            ) : null,
          )}
        </g>
        {geo.routes.map((r) => (
          <g key={r.id} data-route={r.id}>
            <title>{t("routeMap.routeTitle", { label: r.label, stops: r.stops.length })}</title>
            {r.path ? <path d={r.path} fill="none" stroke={r.color} strokeWidth={3} strokeOpacity={0.85} strokeLinejoin="round" strokeLinecap="round" /> : null}
          </g>
        ))}
        {geo.unassigned.map((u) => {
          const highlighted = u.id === highlightStopId;
          return (
            <g key={u.id} data-stop={u.id} data-unassigned="true">
              <title>{t("routeMap.unassignedTitle", { name: u.name })}</title>
              {highlighted ? <circle cx={u.x} cy={u.y} r={13} fill="none" stroke="#111827" strokeWidth={2.5} /> : null}
              <circle cx={u.x} cy={u.y} r={7} fill="#e5e7eb" stroke={UNASSIGNED} strokeWidth={2} strokeDasharray="3 2" />
            </g>
          );
        })}
        {geo.routes.map((r) =>
          r.stops.map((s) => (
            <StopMarker
              key={s.id}
              stop={s}
              color={r.color}
              highlighted={s.id === highlightStopId}
              title={t(s.locked ? "routeMap.stopTitleLocked" : "routeMap.stopTitle", { sequence: s.sequence, name: s.name, route: r.label })}
            />
          )),
        )}
        {geo.warehouses.map((w) => (
          <g key={w.id} data-warehouse={w.id}>
            <title>{t("routeMap.warehouseTitle", { name: w.name })}</title>
            <path d={`M${w.x - 11} ${w.y + 9} V${w.y - 3} L${w.x} ${w.y - 12} L${w.x + 11} ${w.y - 3} V${w.y + 9} Z`} fill="#111827" stroke="#ffffff" strokeWidth={1.5} />
            <text x={w.x} y={w.y + 24} textAnchor="middle" fontSize={12} fontWeight={600} fill="#111827" stroke="#ffffff" strokeWidth={3} paintOrder="stroke">
              {w.name}
            </text>
          </g>
        ))}
      </svg>
      <figcaption id={`${id}-caption`} className="mt-2 text-sm text-stone-700">
        <span className="sr-only">{title}</span>
        <ul className="flex flex-wrap gap-x-4 gap-y-1" aria-label={t("routeMap.legend")}>
          {routes.map((r) => (
            <li key={r.id} className="flex items-center gap-1.5">
              <svg viewBox="0 0 24 10" width="24" height="10" aria-hidden="true">
                <path d="M0 5 H24" stroke={r.color} strokeWidth={3} />
              </svg>
              {t("routeMap.legendRoute", { label: r.label, stops: r.stops.length })}
            </li>
          ))}
          <li className="flex items-center gap-1.5">
            <svg viewBox="0 0 24 24" width="14" height="14" aria-hidden="true">
              <path d="M1 22 V10 L12 1 L23 10 V22 Z" fill="#111827" />
            </svg>
            {t("routeMap.legendWarehouse")}
          </li>
          <li className="flex items-center gap-1.5">
            <svg viewBox="0 0 20 20" width="14" height="14" aria-hidden="true">
              <rect x="1" y="1" width="18" height="18" rx="2" fill="#374151" />
            </svg>
            {t("routeMap.legendLocked")}
          </li>
          <li className="flex items-center gap-1.5">
            <svg viewBox="0 0 20 20" width="14" height="14" aria-hidden="true">
              <circle cx="10" cy="10" r="7" fill="#e5e7eb" stroke={UNASSIGNED} strokeWidth="2" strokeDasharray="3 2" />
            </svg>
            {t("routeMap.legendUnassigned", { count: unassigned.length })}
          </li>
        </ul>
        <p className="mt-1 text-xs text-stone-500">{t("routeMap.attribution")}</p>
      </figcaption>
    </figure>
  );
}
