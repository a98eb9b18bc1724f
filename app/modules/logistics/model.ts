/**
 * The contract between the route solver (./solver) and its callers (the Solomon CLI, the day planner,
 * later the operator screens). Plain data in, plain data out: no DB, no network, no clock.
 *
 * Units are the caller's: the Solomon CLI uses Solomon units (distance = time); the day planner uses
 * metres and seconds since local midnight (Asia/Shanghai). Capacities and demands are vectors of the
 * same length (the day planner uses [grams, cm³] per temperature compartment or in total).
 */

/** Temperature class of a load or a compartment. */
export type TempClass = "ambient" | "chilled" | "frozen";

/** Travel between location indices. Implementations must be FIFO: leaving later never arrives earlier. */
export interface TravelModel {
  /** Number of locations; valid indices are 0..size-1. */
  readonly size: number;
  /** Distance from i to j (used for the objective). */
  distance(i: number, j: number): number;
  /** Travel time from i to j when leaving i at time `departAt`. */
  time(i: number, j: number, departAt: number): number;
  /** True when time() ignores departAt; lets the solver use O(1) slack arithmetic. */
  readonly timeIndependent: boolean;
}

/** A closed interval of time during which something is forbidden. */
export interface TimeInterval {
  from: number;
  to: number;
}

export interface DepotSpec {
  id: string;
  location: number;
  /** Opening hours: vehicles leave no earlier than open and must be back by close. */
  open: number;
  close: number;
}

export interface StopSpec {
  id: string;
  location: number;
  /** Service must start within [twStart, twEnd]. Arriving early means waiting. */
  twStart: number;
  twEnd: number;
  serviceTime: number;
  /** Demand vector, same length as every vehicle's capacity. */
  demand: number[];
  /** Features a vehicle must have to serve this stop, e.g. ["frozen"]. */
  requires: string[];
  /**
   * Longest allowed time from the vehicle leaving its depot to the start of service here
   * (the time a chilled or frozen load spends on the road). Undefined means no limit.
   */
  maxRideTime?: number;
  /**
   * Times during which the stop lies in a restricted zone for some vehicles: a vehicle whose
   * `restricted` flag is true may not start service (nor be inside the zone) during these intervals;
   * it waits outside until the interval ends. Empty or undefined means no restriction.
   */
  forbidden?: TimeInterval[];
  /**
   * Restricted zones the stop lies in, each with its own forbidden intervals: a vehicle whose `restricted`
   * flag is true may not serve the stop during a zone's intervals unless it holds that zone's permit
   * (VehicleSpec.zonePermits); it waits outside instead. Unrestricted vehicles are never affected.
   * Applies on top of `forbidden`, which holds for every restricted vehicle whatever its permits.
   */
  zones?: { zone: string; forbidden: TimeInterval[] }[];
  /**
   * Index into VrpProblem.vehicles: the stop must be served by that vehicle, or stay unassigned with
   * reason "lock_infeasible". No search move takes a locked stop to another vehicle.
   */
  lockedVehicle?: number;
}

export interface VehicleSpec {
  id: string;
  /** Index into VrpProblem.depots: where the vehicle starts and ends. */
  depot: number;
  capacity: number[];
  /** Features offered, e.g. ["ambient", "chilled", "frozen"]. A stop is eligible if requires ⊆ features. */
  features: string[];
  /** Shift: leave no earlier than shiftStart, return no later than shiftEnd. */
  shiftStart: number;
  shiftEnd: number;
  /** Longest route duration (return − departure). Undefined means only the shift bounds apply. */
  maxDuration?: number;
  /** Subject to StopSpec.forbidden intervals (e.g. trucks over a weight class in Shanghai's inner ring). */
  restricted?: boolean;
  /** Zones (StopSpec.zones[].zone) this vehicle may enter during their forbidden intervals although restricted. */
  zonePermits?: string[];
  /**
   * Stop indices this vehicle must visit in this relative order (other stops may come in between). Each is
   * locked to this vehicle; a stop may be in one fixed sequence only, and its lockedVehicle, if set, must
   * be this vehicle.
   */
  fixedSequence?: number[];
  /** Cost of using this vehicle, in the same scale as distance (used only to rank equal vehicle counts). */
  fixedCost?: number;
}

export interface VrpProblem {
  name?: string;
  depots: DepotSpec[];
  stops: StopSpec[];
  vehicles: VehicleSpec[];
  travel: TravelModel;
}

export type UnassignedReason =
  | "no_eligible_vehicle" // no vehicle has every feature the stop requires
  | "capacity" // the demand exceeds every eligible vehicle's capacity
  | "time_window" // no eligible vehicle can arrive before the window closes (and return in its shift)
  | "restricted_zone" // every eligible vehicle is restricted and the window lies inside a forbidden interval
  | "ride_time" // the stop cannot be reached within its maxRideTime
  | "no_room" // feasible alone, but the fleet was full
  | "lock_infeasible"; // locked to a vehicle (or a fixed sequence) that cannot serve it

export interface Unassigned {
  stop: number;
  reason: UnassignedReason;
  /** Human-readable explanation naming the stop (English; callers translate by reason). */
  message: string;
}

export interface RouteVisit {
  stop: number;
  arrival: number;
  start: number;
  departure: number;
}

export interface SolvedRoute {
  vehicle: number;
  /** Stop indices in visit order (depot excluded). */
  stops: number[];
  visits: RouteVisit[];
  departure: number;
  returnTime: number;
  distance: number;
  /** Sum of demand vectors over the route. */
  load: number[];
}

export interface VrpSolution {
  routes: SolvedRoute[];
  unassigned: Unassigned[];
  vehicles: number;
  distance: number;
  /** Sum over routes of returnTime − departure. */
  duration: number;
  /**
   * Why the search ended: the time limit, a cancellation (SolveOptions.signal or onProgress returning
   * false) or the iteration cap. Undefined when there was nothing to search.
   */
  stopped?: "time" | "cancelled" | "iterations";
}

export interface SolveProgress {
  elapsedMs: number;
  /** elapsedMs / timeLimitMs, clamped to [0, 1]. */
  fraction: number;
  best: { vehicles: number; distance: number; unassigned: number };
  iterations: number;
}

export interface SolveOptions {
  timeLimitMs: number;
  seed?: number;
  /**
   * Optional iteration cap. When set, the search schedule follows iterations instead of the clock, so a
   * seed gives identical results on any machine as long as the cap is reached before timeLimitMs.
   */
  maxIterations?: number;
  /**
   * Called at least every progressIntervalMs and once at the end; returning false stops the search early
   * (best so far is returned, stopped: "cancelled").
   */
  onProgress?: (p: SolveProgress) => boolean | void;
  /** Longest gap between onProgress calls, ms (default 250). */
  progressIntervalMs?: number;
  /**
   * Cancellation from outside, checked at least every ~50 ms: once aborted, solve returns the best
   * solution so far with stopped: "cancelled". An AbortSignal fits, but solve() is synchronous, so a
   * signal can only flip while it runs if it is read from shared memory (see sharedCancelFlag) or
   * computed by a getter.
   */
  signal?: { readonly aborted: boolean };
}
