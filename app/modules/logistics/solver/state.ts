import type { Compiled } from "./compile";
import { Route } from "./route";

/** A solution under search: one route per vehicle (possibly empty) plus the stops left out. Supports undo. */
export class State {
  routes: Route[];
  /** Route (= vehicle) index of each stop, -1 when absent or not part of the search. */
  routeOf: Int32Array;
  absent: number[] = [];
  totalDist = 0;
  /** Sums of route time warp and capacity excess (non-zero only while constraints are soft). */
  totalWarp = 0;
  totalExcess = 0;
  /** Penalty weights applied to warp and excess in cost(). */
  wWarp = 0;
  wExcess = 0;
  fixedSum = 0;
  used = 0;
  private usedFlag: Uint8Array;
  private touched: Uint8Array;
  private touchedList: number[] = [];
  private backup: number[][];
  private savedAbsent: number[] = [];

  constructor(readonly c: Compiled, active: number[]) {
    this.routes = [];
    for (let v = 0; v < c.m; v++) this.routes.push(new Route(c, v));
    this.routeOf = new Int32Array(c.n).fill(-1);
    this.usedFlag = new Uint8Array(c.m);
    this.touched = new Uint8Array(c.m);
    this.backup = new Array(c.m).fill(null).map(() => []);
    this.absent = active.slice();
  }

  /** Objective for acceptance: distance plus fixed vehicle costs. */
  cost(): number {
    return this.totalDist + this.fixedSum + this.wWarp * this.totalWarp + this.wExcess * this.totalExcess;
  }

  /** Distance plus fixed costs, without penalties. */
  plainCost(): number {
    return this.totalDist + this.fixedSum;
  }

  /** True when no route has time warp or excess load. */
  feasible(): boolean {
    return this.totalWarp <= 1e-7 && this.totalExcess <= 1e-9;
  }

  /** Recomputes route r's caches and the solution totals. */
  refresh(r: number): void {
    const route = this.routes[r];
    const old = route.distance;
    const oldW = route.warp;
    const oldE = route.excess;
    route.refresh(this.c);
    this.totalDist += route.distance - old;
    this.totalWarp += route.warp - oldW;
    this.totalExcess += route.excess - oldE;
    const now = route.nodes.length > 0 ? 1 : 0;
    if (now !== this.usedFlag[r]) {
      this.usedFlag[r] = now;
      this.used += now ? 1 : -1;
      this.fixedSum += now ? this.c.vFixed[r] : -this.c.vFixed[r];
    }
  }

  /** Starts a tentative change: later touch()ed routes and the absent list can be rolled back. */
  begin(): void {
    for (const r of this.touchedList) this.touched[r] = 0;
    this.touchedList.length = 0;
    this.savedAbsent = this.absent.slice();
  }

  /** Records route r's current content before it is modified. */
  touch(r: number): void {
    if (this.touched[r] === 0) {
      this.touched[r] = 1;
      this.touchedList.push(r);
      this.backup[r] = this.routes[r].nodes.slice();
    }
  }

  /** Undoes every change since begin(). */
  rollback(): void {
    for (const r of this.touchedList) {
      const route = this.routes[r];
      route.nodes = this.backup[r];
      this.refresh(r);
      for (const s of route.nodes) this.routeOf[s] = r;
      this.touched[r] = 0;
    }
    this.touchedList.length = 0;
    this.absent = this.savedAbsent;
    for (const s of this.absent) this.routeOf[s] = -1;
  }

  /** Inserts stop s into route r before position k. */
  insert(r: number, k: number, s: number): void {
    this.touch(r);
    const route = this.routes[r];
    const old = route.distance;
    const oldW = route.warp;
    const oldE = route.excess;
    route.insertAt(this.c, k, s);
    this.routeOf[s] = r;
    this.totalDist += route.distance - old;
    this.totalWarp += route.warp - oldW;
    this.totalExcess += route.excess - oldE;
    if (this.usedFlag[r] === 0) {
      this.usedFlag[r] = 1;
      this.used++;
      this.fixedSum += this.c.vFixed[r];
    }
  }

  /** Replaces route r's content (caller keeps routeOf of removed stops consistent). */
  setNodes(r: number, nodes: number[]): void {
    this.touch(r);
    this.routes[r].nodes = nodes;
    for (const s of nodes) this.routeOf[s] = r;
    this.refresh(r);
  }

  /** Copies the route contents (per vehicle) and the absent list. */
  snapshot(): { routes: number[][]; absent: number[] } {
    return { routes: this.routes.map((r) => r.nodes.slice()), absent: this.absent.slice() };
  }

  /** Restores a snapshot taken from a state over the same problem. */
  restore(snap: { routes: number[][]; absent: number[] }): void {
    this.begin();
    for (let r = 0; r < this.routes.length; r++) {
      this.routes[r].nodes = snap.routes[r].slice();
      this.refresh(r);
      for (const s of this.routes[r].nodes) this.routeOf[s] = r;
    }
    this.absent = snap.absent.slice();
    for (const s of this.absent) this.routeOf[s] = -1;
  }
}
