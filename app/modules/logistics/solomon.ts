import type { TravelModel, VrpProblem, VrpSolution } from "./model";

/** A parsed Solomon instance; customer 0 is the depot. */
export interface SolomonInstance {
  name: string;
  vehicles: number;
  capacity: number;
  customers: { id: number; x: number; y: number; demand: number; ready: number; due: number; service: number }[];
}

/** Thrown for malformed input; the message names the file line. */
export class SolomonFormatError extends Error {}

/** Parses the Solomon text format; throws SolomonFormatError naming the offending line. */
export function parseSolomon(text: string, fallbackName = "instance"): SolomonInstance {
  const lines = text.split(/\r?\n/);
  let i = 0;
  const skipBlank = () => {
    while (i < lines.length && lines[i].trim() === "") i++;
  };
  const err = (msg: string, line = i): never => {
    throw new SolomonFormatError(`line ${line + 1}: ${msg}`);
  };
  skipBlank();
  if (i >= lines.length) err("empty file, expected the instance name");
  const name = lines[i].trim() || fallbackName;
  i++;
  skipBlank();
  if (!/^VEHICLE\b/i.test(lines[i]?.trim() ?? "")) err('expected "VEHICLE"');
  i++;
  skipBlank();
  if (!/^NUMBER\s+CAPACITY/i.test(lines[i]?.trim() ?? "")) err('expected "NUMBER CAPACITY"');
  i++;
  skipBlank();
  const vc = (lines[i] ?? "").trim().split(/\s+/).map(Number);
  if (vc.length !== 2 || !vc.every((x) => Number.isFinite(x)) || !(vc[0] >= 1) || !(vc[1] > 0)) {
    err(`expected vehicle count and capacity, got "${(lines[i] ?? "").trim()}"`);
  }
  i++;
  skipBlank();
  if (!/^CUSTOMER\b/i.test(lines[i]?.trim() ?? "")) err('expected "CUSTOMER"');
  i++;
  skipBlank();
  if (!/^CUST/i.test(lines[i]?.trim() ?? "")) err("expected the customer column header");
  i++;
  const customers: SolomonInstance["customers"] = [];
  const seen = new Set<number>();
  for (; i < lines.length; i++) {
    const t = lines[i].trim();
    if (t === "") continue;
    const f = t.split(/\s+/).map(Number);
    if (f.length !== 7 || !f.every((x) => Number.isFinite(x))) {
      err(`expected 7 numbers (id, x, y, demand, ready, due, service), got "${t}"`);
    }
    const [id, x, y, demand, ready, due, service] = f;
    if (seen.has(id)) err(`duplicate customer number ${id}`);
    if (demand < 0 || service < 0) err(`negative demand or service time for customer ${id}`);
    if (due < ready) err(`customer ${id} has due date ${due} before ready time ${ready}`);
    seen.add(id);
    customers.push({ id, x, y, demand, ready, due, service });
  }
  if (customers.length < 2) err("expected a depot and at least one customer", lines.length - 1);
  return { name, vehicles: vc[0], capacity: vc[1], customers };
}

/** Euclidean travel over points; distance = time, unrounded (Solomon convention). */
export function euclideanTravel(xs: number[], ys: number[]): TravelModel {
  const n = xs.length;
  const m = new Float64Array(n * n);
  for (let a = 0; a < n; a++) for (let b = 0; b < n; b++) m[a * n + b] = Math.hypot(xs[a] - xs[b], ys[a] - ys[b]);
  return {
    size: n,
    timeIndependent: true,
    distance: (a, b) => m[a * n + b],
    time: (a, b) => m[a * n + b],
  };
}

/** Turns a Solomon instance into a VrpProblem: location k = k-th row, stop k-1 = customer row k. */
export function solomonToProblem(inst: SolomonInstance): VrpProblem {
  const [depot, ...rest] = inst.customers;
  const travel = euclideanTravel(inst.customers.map((c) => c.x), inst.customers.map((c) => c.y));
  return {
    name: inst.name,
    depots: [{ id: String(depot.id), location: 0, open: depot.ready, close: depot.due }],
    stops: rest.map((c, k) => ({
      id: String(c.id),
      location: k + 1,
      twStart: c.ready,
      twEnd: c.due,
      serviceTime: c.service,
      demand: [c.demand],
      requires: [],
    })),
    vehicles: Array.from({ length: inst.vehicles }, (_, k) => ({
      id: `V${k + 1}`,
      depot: 0,
      capacity: [inst.capacity],
      features: [],
      shiftStart: depot.ready,
      shiftEnd: depot.due,
    })),
    travel,
  };
}

/** The benchmark's JSON result: routes as customer numbers in visit order. */
export function solomonResult(inst: SolomonInstance, problem: VrpProblem, sol: VrpSolution) {
  return {
    instance: inst.name,
    vehicles: sol.vehicles,
    distance: Math.round(sol.distance * 1e4) / 1e4,
    routes: sol.routes.map((r) => r.stops.map((s) => Number(problem.stops[s].id))),
  };
}
