/** Small hand-made problems for the solver tests. */
import type { DepotSpec, StopSpec, TravelModel, VehicleSpec, VrpProblem } from "../../app/modules/logistics/model";

export type Pt = [number, number];

/** Euclidean travel (time = distance) over the given points. */
export function planeTravel(points: Pt[]): TravelModel {
  return {
    size: points.length,
    timeIndependent: true,
    distance: (a, b) => Math.hypot(points[a][0] - points[b][0], points[a][1] - points[b][1]),
    time: (a, b) => Math.hypot(points[a][0] - points[b][0], points[a][1] - points[b][1]),
  };
}

/** A stop at location `location` with generous defaults. */
export function stop(id: string, location: number, over: Partial<StopSpec> = {}): StopSpec {
  return { id, location, twStart: 0, twEnd: 10_000, serviceTime: 0, demand: [1], requires: [], ...over };
}

/** A vehicle at depot 0 with generous defaults. */
export function vehicle(id: string, over: Partial<VehicleSpec> = {}): VehicleSpec {
  return { id, depot: 0, capacity: [100], features: [], shiftStart: 0, shiftEnd: 10_000, ...over };
}

/** A depot at location 0 open all day. */
export function depot(id = "D", over: Partial<DepotSpec> = {}): DepotSpec {
  return { id, location: 0, open: 0, close: 10_000, ...over };
}

/** Builds a problem where location 0 is the depot and stop k sits at location k + 1. */
export function problemOf(points: Pt[], stops: StopSpec[], vehicles: VehicleSpec[], depots: DepotSpec[] = [depot()]): VrpProblem {
  return { name: "test", depots, stops, vehicles, travel: planeTravel(points) };
}
