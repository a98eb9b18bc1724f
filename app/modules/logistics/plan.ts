/**
 * The day planner: a validated day in, a plan out (routes with times and loads, unassigned stops
 * with reasons), as plain JSON-able data, plus a readable bilingual summary.
 */
import type { LatLng } from "./geo";
import type { SolveProgress, TempClass, VrpSolution } from "./model";
import { solve } from "./solver";
import {
  dayToProblem,
  diagnoseStop,
  TEMP_CLASSES,
  zoneArea,
  type Day,
  type DayProblem,
  type DayUnassignedReason,
  type DayToProblemOptions,
} from "./day";
import { formatClock } from "./units";

/** Options for planDay. */
export interface PlanOptions extends DayToProblemOptions {
  timeLimitMs: number;
  seed?: number;
  /** Iteration cap: with it, a seed gives the same plan on any machine (if reached within the time limit). */
  maxIterations?: number;
  onProgress?: (p: SolveProgress) => boolean | void;
  /** Longest gap between onProgress calls, ms (default 250). */
  progressIntervalMs?: number;
  /** Cancellation from outside (see SolveOptions.signal: in a worker, use sharedCancelFlag). */
  signal?: { readonly aborted: boolean };
}

/** An amount (kg or m³) per temperature class. */
export type ClassAmounts = Record<TempClass, number>;

/** One visit in a planned route. */
export interface PlannedStop {
  seq: number;
  id: string;
  name: string;
  kind?: string;
  lat: number;
  lng: number;
  window: { from: string; to: string };
  arrival: string;
  start: string;
  departure: string;
  /** Minutes waited between arrival and start (early arrival or a restricted zone). */
  waitMin: number;
  /** Minutes since the van left its warehouse, at the start of service. */
  onRoadMin: number;
  kg: ClassAmounts;
}

/** One van's route. */
export interface PlannedRoute {
  vehicle: string;
  van: string;
  plate?: string;
  name?: string;
  warehouse: string;
  restricted: boolean;
  color: string;
  departure: string;
  return: string;
  km: number;
  hours: number;
  kg: ClassAmounts;
  m3: ClassAmounts;
  /** Share of payload and volume used, 0..1. */
  utilisation: { weight: number; volume: number };
  stops: PlannedStop[];
}

/** A stop left out, with why. */
export interface PlannedUnassigned {
  id: string;
  name: string;
  lat: number;
  lng: number;
  reason: DayUnassignedReason;
  message: string;
}

/** The whole plan, as written to the plan JSON. */
export interface DayPlan {
  name: string;
  date: string;
  timezone: string;
  solver: { seconds: number; seed: number; stopped?: VrpSolution["stopped"] };
  totals: {
    vans: number;
    vansAvailable: number;
    stops: number;
    served: number;
    unassigned: number;
    km: number;
    hours: number;
  };
  warehouses: { id: string; name: string; lat: number; lng: number }[];
  zones: {
    name: string;
    forbidden: { from: string; to: string }[];
    polygon?: LatLng[];
    circle?: { center: LatLng; radiusM: number };
  }[];
  routes: PlannedRoute[];
  unassigned: PlannedUnassigned[];
  warnings: string[];
}

/** Distinct route colours, readable on white, for up to 12 routes before repeating. */
export const ROUTE_COLORS = [
  "#1f77b4",
  "#d62728",
  "#2ca02c",
  "#ff7f0e",
  "#9467bd",
  "#17becf",
  "#8c564b",
  "#e377c2",
  "#bcbd22",
  "#393b79",
  "#637939",
  "#843c39",
];

const round = (x: number, digits: number) => Math.round(x * 10 ** digits) / 10 ** digits;

function zeroClasses(): ClassAmounts {
  return { ambient: 0, chilled: 0, frozen: 0 };
}

/** Builds the JSON plan from a solved day. */
export function buildPlan(dp: DayProblem, solution: VrpSolution, solver: DayPlan["solver"]): DayPlan {
  const { day, problem, points } = dp;
  const routes: PlannedRoute[] = solution.routes.map((r, k) => {
    const spec = problem.vehicles[r.vehicle];
    const vv = dp.vehicleVan[r.vehicle];
    const van = day.vans[vv.van];
    const kgs = zeroClasses();
    const m3 = zeroClasses();
    const stops: PlannedStop[] = r.visits.map((visit, i) => {
      const s = day.stops[dp.stopIndex[visit.stop]];
      const p = points[problem.stops[visit.stop].location];
      const own = zeroClasses();
      for (const l of s.loads) {
        own[l.class] += l.weight / 1000;
        kgs[l.class] += l.weight / 1000;
        m3[l.class] += l.volume / 1e6;
      }
      return {
        seq: i + 1,
        id: s.id,
        name: s.name,
        kind: s.kind,
        lat: round(p.lat, 6),
        lng: round(p.lng, 6),
        window: { from: formatClock(s.window.from), to: formatClock(s.window.to) },
        arrival: formatClock(visit.arrival),
        start: formatClock(visit.start),
        departure: formatClock(visit.departure),
        waitMin: Math.round((visit.start - visit.arrival) / 60),
        onRoadMin: Math.round((visit.start - r.departure) / 60),
        kg: { ambient: round(own.ambient, 1), chilled: round(own.chilled, 1), frozen: round(own.frozen, 1) },
      };
    });
    const totalKg = TEMP_CLASSES.reduce((a, c) => a + kgs[c], 0);
    const totalM3 = TEMP_CLASSES.reduce((a, c) => a + m3[c], 0);
    return {
      vehicle: spec.id,
      van: van.id,
      plate: van.plate,
      name: van.name,
      warehouse: van.warehouse,
      restricted: spec.restricted === true,
      color: ROUTE_COLORS[k % ROUTE_COLORS.length],
      departure: formatClock(r.departure),
      return: formatClock(r.returnTime),
      km: round(r.distance / 1000, 1),
      hours: round((r.returnTime - r.departure) / 3600, 2),
      kg: { ambient: round(kgs.ambient, 1), chilled: round(kgs.chilled, 1), frozen: round(kgs.frozen, 1) },
      m3: { ambient: round(m3.ambient, 2), chilled: round(m3.chilled, 2), frozen: round(m3.frozen, 2) },
      utilisation: { weight: round(totalKg / (van.payload / 1000), 2), volume: round(totalM3 / (van.volume / 1e6), 2) },
      stops,
    };
  });

  const unassigned: PlannedUnassigned[] = [];
  const push = (dayIndex: number, reason: DayUnassignedReason, message: string) => {
    const s = day.stops[dayIndex];
    const loc = dp.stopLocation[dayIndex];
    const p = loc >= 0 ? points[loc] : { lat: s.lat, lng: s.lng };
    unassigned.push({ id: s.id, name: s.name, lat: round(p.lat, 6), lng: round(p.lng, 6), reason, message });
  };
  for (const r of dp.rejected) push(r.stop, r.reason, r.message);
  for (const u of solution.unassigned) {
    const dayIndex = dp.stopIndex[u.stop];
    const s = day.stops[dayIndex];
    // The solver decides; the planner's diagnosis words it with times and van ids when both agree.
    const d = u.reason === "no_room" || u.reason === "lock_infeasible" ? null : diagnoseStop(dp, u.stop);
    const label = `stop "${s.id}" ${s.name}`;
    const message =
      d && d.reason === u.reason
        ? d.message
        : u.reason === "lock_infeasible"
          ? u.message.replace(/^Stop "[^"]*"/, label).replace(/vehicle "/g, 'van "')
          : `${label}: ${u.message}`;
    push(dayIndex, u.reason, message);
  }
  const order = new Map(day.stops.map((s, i) => [s.id, i]));
  unassigned.sort((a, b) => (order.get(a.id) ?? 0) - (order.get(b.id) ?? 0));

  const served = routes.reduce((a, r) => a + r.stops.length, 0);
  return {
    name: day.name ?? `day ${day.date}`,
    date: day.date,
    timezone: day.timezone,
    solver,
    totals: {
      vans: routes.length,
      vansAvailable: problem.vehicles.length,
      stops: day.stops.length,
      served,
      unassigned: unassigned.length,
      km: round(solution.distance / 1000, 1),
      hours: round(solution.duration / 3600, 2),
    },
    warehouses: day.warehouses.map((w, i) => ({
      id: w.id,
      name: w.name,
      lat: round(points[i].lat, 6),
      lng: round(points[i].lng, 6),
    })),
    zones: day.zones.map((z) => {
      const a = zoneArea(z);
      const forbidden = z.forbidden.map((f) => ({ from: formatClock(f.from), to: formatClock(f.to) }));
      return a.type === "polygon"
        ? { name: z.name, forbidden, polygon: a.points }
        : { name: z.name, forbidden, circle: { center: a.center, radiusM: a.radiusM } };
    }),
    routes,
    unassigned,
    warnings: dp.warnings,
  };
}

/** Plans a validated day: converts it, runs the solver within the time limit, builds the plan. */
export async function planDay(
  day: Day,
  options: PlanOptions
): Promise<{ plan: DayPlan; dayProblem: DayProblem; solution: VrpSolution }> {
  const dayProblem = await dayToProblem(day, options);
  const seed = options.seed ?? 1;
  const solution: VrpSolution =
    dayProblem.problem.stops.length === 0
      ? { routes: [], unassigned: [], vehicles: 0, distance: 0, duration: 0 }
      : solve(dayProblem.problem, {
          timeLimitMs: options.timeLimitMs,
          seed,
          maxIterations: options.maxIterations,
          onProgress: options.onProgress,
          progressIntervalMs: options.progressIntervalMs,
          signal: options.signal,
        });
  const solver: DayPlan["solver"] = { seconds: options.timeLimitMs / 1000, seed };
  if (solution.stopped) solver.stopped = solution.stopped;
  const plan = buildPlan(dayProblem, solution, solver);
  return { plan, dayProblem, solution };
}

const CLASS_LABEL: Record<TempClass, string> = {
  ambient: "常温 ambient",
  chilled: "冷藏 chilled",
  frozen: "冷冻 frozen",
};

const REASON_LABEL: Record<DayUnassignedReason, string> = {
  outside_china: "坐标不在中国境内 outside China",
  no_eligible_vehicle: "无合适车型 no eligible van",
  capacity: "超出载重/容积 over capacity",
  time_window: "时间窗无法到达 time window",
  restricted_zone: "限行区域 restricted zone",
  ride_time: "在途时间超限 time on road",
  no_room: "车辆已满 fleet full",
  lock_infeasible: "锁定车辆无法配送 locked van cannot serve it",
};

function loadLine(kg: ClassAmounts): string {
  const parts = TEMP_CLASSES.filter((c) => kg[c] > 0).map((c) => `${CLASS_LABEL[c]} ${kg[c]} kg`);
  return parts.length ? parts.join(" · ") : "—";
}

/** Human-readable summary of a plan, Chinese labels first. */
export function formatPlanSummary(plan: DayPlan): string {
  const out: string[] = [];
  const t = plan.totals;
  out.push(`沪明直供 配送计划 Delivery plan — ${plan.name} (${plan.date}, ${plan.timezone})`);
  out.push(
    `用车 Vans ${t.vans}/${t.vansAvailable} · 送达 Served ${t.served}/${t.stops} · ` +
      `总里程 Distance ${t.km} km · 总时长 Duration ${t.hours} h · 未分配 Unassigned ${t.unassigned}`
  );
  for (const r of plan.routes) {
    out.push("");
    const who = [r.vehicle, r.plate, r.name].filter(Boolean).join(" · ");
    out.push(`车辆 Van ${who} — 仓库 Warehouse ${r.warehouse}${r.restricted ? " (限行车 restricted)" : ""}`);
    out.push(
      `  出发 Depart ${r.departure} · 返回 Return ${r.return} · 里程 ${r.km} km · 时长 ${r.hours} h · ` +
        `装载 Load ${loadLine(r.kg)} (载重 ${Math.round(r.utilisation.weight * 100)}%, 容积 ${Math.round(
          r.utilisation.volume * 100
        )}%)`
    );
    if (r.stops.length > 0) {
      out.push(`  首站 First ${r.stops[0].start} · 末站 Last ${r.stops[r.stops.length - 1].departure}`);
    }
    for (const s of r.stops) {
      const wait = s.waitMin > 0 ? ` 等候 wait ${s.waitMin} min` : "";
      out.push(
        `  ${String(s.seq).padStart(2)}. ${s.start}–${s.departure}  ${s.id} ${s.name}  ` +
          `[窗口 ${s.window.from}–${s.window.to}]  ${loadLine(s.kg)}${wait}`
      );
    }
  }
  if (plan.unassigned.length > 0) {
    out.push("");
    out.push(`未分配站点 Unassigned stops (${plan.unassigned.length}):`);
    for (const u of plan.unassigned) out.push(`  ${u.id} ${REASON_LABEL[u.reason]} — ${u.message}`);
  }
  for (const w of plan.warnings) out.push(`注意 Warning: ${w}`);
  return out.join("\n");
}
