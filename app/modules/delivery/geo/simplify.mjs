// Makes shanghai-districts.json from the shared GeoJSON (see README.md here):
//   node app/modules/delivery/geo/simplify.mjs /work/shared/geo/shanghai-districts.geojson > app/modules/delivery/geo/shanghai-districts.json
// Douglas–Peucker per arc between junctions (points where the set of rings sharing a border changes), so the
// border two districts share is simplified once, the same way for both: no slivers or gaps between neighbours.
import fs from "node:fs";

const TOLERANCE = Number(process.env.TOLERANCE ?? 0.0012); // degrees, ≈ 120 m: below a pixel on a city-wide map
const DIGITS = 4; // ≈ 10 m

const source = JSON.parse(fs.readFileSync(process.argv[2], "utf8"));
const key = (p) => `${p[0].toFixed(6)},${p[1].toFixed(6)}`;
const rings = [];
for (const f of source.features) {
  const g = f.geometry;
  for (const polygon of g.type === "MultiPolygon" ? g.coordinates : [g.coordinates]) for (const ring of polygon) rings.push(ring);
}
const members = new Map();
rings.forEach((ring, i) => { for (const p of ring) { const k = key(p); if (!members.has(k)) members.set(k, new Set()); members.get(k).add(i); } });
const sig = (p) => [...members.get(key(p))].sort((a, b) => a - b).join(",");

function dp(points, first, last, keep) {
  let max = 0, index = -1;
  const [ax, ay] = points[first], [bx, by] = points[last];
  const dx = bx - ax, dy = by - ay, len = Math.hypot(dx, dy);
  for (let i = first + 1; i < last; i++) {
    const [px, py] = points[i];
    const d = len === 0 ? Math.hypot(px - ax, py - ay) : Math.abs(dy * px - dx * py + bx * ay - by * ax) / len;
    if (d > max) { max = d; index = i; }
  }
  if (max > TOLERANCE) { keep[index] = true; dp(points, first, index, keep); dp(points, index, last, keep); }
}

function simplifyRing(ring) {
  const open = key(ring[0]) === key(ring[ring.length - 1]) ? ring.slice(0, -1) : ring.slice();
  const n = open.length;
  const fixed = open.map((p, i) => { const s = sig(p); return s !== sig(open[(i + n - 1) % n]) || s !== sig(open[(i + 1) % n]) || members.get(key(p)).size > 2; });
  // A ring with no junction (an island) keeps its first point and the farthest one from it.
  if (!fixed.some(Boolean)) { fixed[0] = true; }
  const starts = fixed.flatMap((f, i) => (f ? [i] : []));
  const keep = fixed.slice();
  for (let s = 0; s < starts.length; s++) {
    const a = starts[s], b = s + 1 < starts.length ? starts[s + 1] : starts[0] + n;
    const arc = []; for (let i = a; i <= b; i++) arc.push(open[i % n]);
    const k = arc.map(() => false);
    dp(arc, 0, arc.length - 1, k);
    k.forEach((v, j) => { if (v) keep[(a + j) % n] = true; });
  }
  const out = open.filter((_, i) => keep[i]).map((p) => [+p[0].toFixed(DIGITS), +p[1].toFixed(DIGITS)]);
  return out.length >= 3 ? [...out, out[0]] : null;
}

// d3-geo reads a ring's inside from its winding: exterior rings clockwise, holes anticlockwise (the reverse of
// RFC 7946); a ring wound the other way would mean "the whole globe but this district".
const shoelace = (ring) => ring.reduce((s, p, i) => { const q = ring[(i + 1) % ring.length]; return s + (q[0] - p[0]) * (q[1] + p[1]); }, 0);
const wind = (ring, exterior) => ((shoelace(ring) > 0) === exterior ? ring : ring.slice().reverse());

let r = 0;
const features = source.features.map((f) => {
  const g = f.geometry;
  const polygons = (g.type === "MultiPolygon" ? g.coordinates : [g.coordinates])
    .map((polygon) => polygon.map((_, i) => { const ring = simplifyRing(rings[r++]); return ring && wind(ring, i === 0); }).filter(Boolean))
    .filter((polygon) => polygon.length > 0);
  const properties = { name: f.properties.name };
  if (f.properties.cp) properties.cp = f.properties.cp.map((v) => +v.toFixed(DIGITS));
  return { type: "Feature", properties, geometry: { type: "MultiPolygon", coordinates: polygons } };
});
process.stdout.write(JSON.stringify({ type: "FeatureCollection", features }) + "\n");
