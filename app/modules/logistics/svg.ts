/**
 * A self-contained SVG map of a day plan: zones, routes as coloured polylines from the warehouse
 * through the stops and back, stop and warehouse markers with labels, a legend and a scale bar.
 * Equirectangular projection around the plan's centre; no tiles, nothing fetched.
 */
import { haversine, type LatLng } from "./geo";
import type { DayPlan } from "./plan";

const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

/** Options for renderPlanSvg. */
export interface SvgOptions {
  width?: number;
  /** Show stop names next to ids (ids only when false). */
  names?: boolean;
}

/** Largest "nice" length (1, 2, 5 × 10^k metres) not above `max`. */
export function niceLength(max: number): number {
  const p = 10 ** Math.floor(Math.log10(max));
  for (const m of [5, 2, 1]) if (m * p <= max) return m * p;
  return p;
}

/** Renders the plan as an SVG document string. */
export function renderPlanSvg(plan: DayPlan, options: SvgOptions = {}): string {
  const width = options.width ?? 1200;
  const legendW = 330;
  const pad = 40;
  const pts: LatLng[] = [
    ...plan.warehouses,
    ...plan.routes.flatMap((r) => r.stops),
    ...plan.unassigned.filter((u) => Number.isFinite(u.lat) && Math.abs(u.lat) <= 90),
  ];
  if (pts.length === 0) pts.push({ lat: 31.23, lng: 121.47 });
  let minLat = Math.min(...pts.map((p) => p.lat));
  let maxLat = Math.max(...pts.map((p) => p.lat));
  let minLng = Math.min(...pts.map((p) => p.lng));
  let maxLng = Math.max(...pts.map((p) => p.lng));
  // A stop far outside China must not squash the map: clamp the frame to the warehouses ± 2°.
  const whLat = plan.warehouses.map((w) => w.lat);
  const whLng = plan.warehouses.map((w) => w.lng);
  if (whLat.length) {
    minLat = Math.max(minLat, Math.min(...whLat) - 2);
    maxLat = Math.min(maxLat, Math.max(...whLat) + 2);
    minLng = Math.max(minLng, Math.min(...whLng) - 2);
    maxLng = Math.min(maxLng, Math.max(...whLng) + 2);
  }
  const lat0 = (minLat + maxLat) / 2;
  const kx = Math.cos((lat0 * Math.PI) / 180);
  const spanX = Math.max((maxLng - minLng) * kx, 0.01);
  const spanY = Math.max(maxLat - minLat, 0.01);
  const mapW = width - legendW - 2 * pad;
  const scale = mapW / spanX;
  const mapH = Math.max(spanY * scale, 300);
  const height = Math.round(mapH + 2 * pad + 60);
  const offY = pad + 30 + (mapH - spanY * scale) / 2;
  const x = (p: LatLng) => pad + (p.lng - minLng) * kx * scale;
  const y = (p: LatLng) => offY + (maxLat - p.lat) * scale;
  const f = (n: number) => n.toFixed(1);
  const inFrame = (p: LatLng) => p.lat >= minLat && p.lat <= maxLat && p.lng >= minLng && p.lng <= maxLng;

  const o: string[] = [];
  o.push(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" ` +
      `font-family="'PingFang SC','Noto Sans CJK SC','Microsoft YaHei',sans-serif" font-size="11">`
  );
  // A halo behind labels keeps them readable where routes cross them.
  o.push(`<style>.l{paint-order:stroke;stroke:#fbfbf8;stroke-width:3px;stroke-linejoin:round}</style>`);
  o.push(`<rect width="100%" height="100%" fill="#fbfbf8"/>`);
  o.push(
    `<text x="${pad}" y="${pad - 8}" font-size="16" font-weight="bold">${esc(plan.name)} · ${esc(plan.date)}</text>`
  );
  o.push(
    `<text x="${pad}" y="${pad + 12}" fill="#555">用车 ${plan.totals.vans} vans · ${plan.totals.km} km · ` +
      `送达 ${plan.totals.served}/${plan.totals.stops} · 未分配 ${plan.totals.unassigned}</text>`
  );

  // Zone names and hours go in the legend: on the map they would sit under the densest labels.
  for (const z of plan.zones) {
    if (z.polygon) {
      const d = z.polygon.map((p) => `${f(x(p))},${f(y(p))}`).join(" ");
      o.push(`<polygon points="${d}" fill="#e53935" fill-opacity="0.07" stroke="#e53935" stroke-dasharray="6 4"/>`);
    } else if (z.circle) {
      const r = (z.circle.radiusM / 111_195) * scale;
      const c = z.circle.center;
      o.push(
        `<circle cx="${f(x(c))}" cy="${f(y(c))}" r="${f(
          r
        )}" fill="#e53935" fill-opacity="0.07" stroke="#e53935" stroke-dasharray="6 4"/>`
      );
    }
  }

  const wh = new Map(plan.warehouses.map((w) => [w.id, w]));
  for (const r of plan.routes) {
    const home = wh.get(r.warehouse);
    const line = [...(home ? [home] : []), ...r.stops, ...(home ? [home] : [])];
    const d = line.map((p) => `${f(x(p))},${f(y(p))}`).join(" ");
    o.push(
      `<polyline points="${d}" fill="none" stroke="${r.color}" stroke-width="2.2" stroke-opacity="0.85" stroke-linejoin="round"/>`
    );
  }
  for (const r of plan.routes) {
    for (const s of r.stops) {
      const label = options.names === false ? s.id : `${s.id} ${s.name}`;
      o.push(`<circle cx="${f(x(s))}" cy="${f(y(s))}" r="4.5" fill="${r.color}" stroke="#fff" stroke-width="1.2"/>`);
      o.push(`<text class="l" x="${f(x(s) + 6)}" y="${f(y(s) + 3.5)}" fill="#222">${esc(label)}</text>`);
    }
  }
  for (const u of plan.unassigned) {
    if (!inFrame(u)) continue;
    const cx = x(u);
    const cy = y(u);
    o.push(
      `<path d="M${f(cx - 4)},${f(cy - 4)}L${f(cx + 4)},${f(cy + 4)}M${f(cx - 4)},${f(cy + 4)}L${f(cx + 4)},${f(
        cy - 4
      )}" stroke="#777" stroke-width="2"/>`
    );
    o.push(`<text class="l" x="${f(cx + 6)}" y="${f(cy + 3.5)}" fill="#777">${esc(`${u.id} ${u.name}`)}</text>`);
  }
  for (const w of plan.warehouses) {
    o.push(
      `<rect x="${f(x(w) - 7)}" y="${f(
        y(w) - 7
      )}" width="14" height="14" fill="#111" stroke="#fff" stroke-width="1.5"/>`
    );
    o.push(
      `<text class="l" x="${f(x(w) + 10)}" y="${f(y(w) - 8)}" font-weight="bold">${esc(`${w.id} ${w.name}`)}</text>`
    );
  }

  // Scale bar: a round length about a fifth of the map width, measured along the bottom edge.
  const leftBottom = { lat: minLat, lng: minLng };
  const metresPerPx = haversine(leftBottom, { lat: minLat, lng: minLng + 1 }) / (kx * scale);
  const barM = niceLength((mapW / 5) * metresPerPx);
  const barPx = barM / metresPerPx;
  const by = height - 24;
  o.push(`<path d="M${pad},${by - 5}V${by}H${f(pad + barPx)}V${by - 5}" fill="none" stroke="#111" stroke-width="2"/>`);
  o.push(`<text x="${f(pad + barPx + 8)}" y="${by}">${barM >= 1000 ? `${barM / 1000} km` : `${barM} m`}</text>`);

  const lx = width - legendW + 10;
  let ly = pad + 30;
  o.push(`<text x="${lx}" y="${ly}" font-size="13" font-weight="bold">图例 Legend</text>`);
  ly += 20;
  for (const r of plan.routes) {
    o.push(`<line x1="${lx}" y1="${ly - 4}" x2="${lx + 24}" y2="${ly - 4}" stroke="${r.color}" stroke-width="4"/>`);
    o.push(
      `<text x="${lx + 30}" y="${ly}">${esc(
        `${r.vehicle} · ${r.stops.length} 站 · ${r.km} km · ${r.departure}–${r.return}`
      )}</text>`
    );
    ly += 18;
  }
  ly += 6;
  o.push(`<rect x="${lx + 5}" y="${ly - 11}" width="12" height="12" fill="#111"/>`);
  o.push(`<text x="${lx + 30}" y="${ly}">仓库 Warehouse</text>`);
  ly += 18;
  o.push(`<circle cx="${lx + 11}" cy="${ly - 4}" r="4.5" fill="#1f77b4"/>`);
  o.push(`<text x="${lx + 30}" y="${ly}">站点 Stop (颜色=车辆 colour = van)</text>`);
  if (plan.unassigned.length) {
    ly += 18;
    o.push(`<path d="M${lx + 7},${ly - 8}l8,8m-8,0l8,-8" stroke="#777" stroke-width="2"/>`);
    o.push(`<text x="${lx + 30}" y="${ly}">未分配 Unassigned (${plan.unassigned.length})</text>`);
  }
  for (const z of plan.zones) {
    ly += 18;
    o.push(
      `<rect x="${lx + 3}" y="${
        ly - 11
      }" width="16" height="12" fill="#e53935" fill-opacity="0.15" stroke="#e53935" stroke-dasharray="3 2"/>`
    );
    const hours = z.forbidden.map((i) => `${i.from}–${i.to}`).join(", ");
    o.push(`<text x="${lx + 30}" y="${ly}">${esc(`限行区 ${z.name}`)}</text>`);
    ly += 14;
    o.push(`<text x="${lx + 30}" y="${ly}" fill="#c62828">${esc(`禁行 closed ${hours}`)}</text>`);
  }
  o.push(`</svg>`);
  return o.join("\n") + "\n";
}
