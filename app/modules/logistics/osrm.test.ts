import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { LatLng } from "./geo";
import {
  buildTableUrl,
  matrixProviderFromEnv,
  OsrmError,
  OsrmMatrixProvider,
  parseTableResponse,
  tableBlocks,
} from "./osrm";
import { buildTravelModel, OfflineMatrixProvider } from "./travel";

/** Points on a line of latitude 31.2, 0.01° of longitude apart. */
const line = (n: number): LatLng[] => Array.from({ length: n }, (_, k) => ({ lat: 31.2, lng: 121.4 + k * 0.01 }));
/** The fake server's road model: 1 m per 1e-5° of longitude, 10 m/s. */
const metres = (a: number, b: number) => Math.round(Math.abs(a - b) * 1e5);

describe("table requests", () => {
  it("builds the URL with lng,lat pairs, annotations and block indices", () => {
    const pts = line(4);
    expect(buildTableUrl("http://osrm:5000/", "driving", pts, { sources: [0, 1], destinations: [0, 1] })).toBe(
      "http://osrm:5000/table/v1/driving/121.400000,31.200000;121.410000,31.200000?annotations=duration%2Cdistance",
    );
    expect(buildTableUrl("http://osrm:5000", "car", pts, { sources: [0, 1], destinations: [2, 3] })).toBe(
      "http://osrm:5000/table/v1/car/121.400000,31.200000;121.410000,31.200000;121.420000,31.200000;121.430000,31.200000" +
        "?annotations=duration%2Cdistance&sources=0;1&destinations=2;3",
    );
  });

  it("splits a table into blocks within the size limit that cover every pair once", () => {
    const blocks = tableBlocks(7, 3);
    expect(blocks).toHaveLength(9);
    const seen = new Set<string>();
    for (const b of blocks) {
      expect(b.sources.length).toBeLessThanOrEqual(3);
      expect(b.destinations.length).toBeLessThanOrEqual(3);
      for (const i of b.sources) for (const j of b.destinations) seen.add(`${i},${j}`);
    }
    expect(seen.size).toBe(49);
    expect(() => tableBlocks(5, 0)).toThrow(OsrmError);
  });

  it("parses an answer and says what is wrong with a bad one", () => {
    const ok = { code: "Ok", durations: [[0, 1], [1, null]], distances: [[0, 10], [10, null]] };
    expect(parseTableResponse(ok, 2, 2).durations[1][1]).toBeNull();
    expect(() => parseTableResponse({ code: "TooBig", message: "Too many table coordinates" }, 2, 2)).toThrow(
      /refused the table request: TooBig \(Too many table coordinates\)/,
    );
    expect(() => parseTableResponse({ code: "Ok", durations: [[0]] }, 2, 2)).toThrow(/2×2 "durations"/);
    expect(() => parseTableResponse({ code: "Ok", durations: [[0, 1], [1, 0]] }, 2, 2)).toThrow(/OSRM 5\.18/);
    expect(() => parseTableResponse("nope", 2, 2)).toThrow(/not a JSON object/);
  });
});

describe("against a local fake OSRM server", () => {
  let server: Server;
  let base = "";
  const requests: URL[] = [];
  let mode: "ok" | "hang" | "error" | "gap" | "html" = "ok";

  beforeAll(async () => {
    server = createServer((req, res) => {
      const url = new URL(req.url ?? "/", "http://fake");
      requests.push(url);
      if (mode === "hang") return; // never answers
      if (mode === "html") {
        res.writeHead(502, { "content-type": "text/html" }).end("<html>Bad gateway</html>");
        return;
      }
      if (mode === "error") {
        res.writeHead(400, { "content-type": "application/json" }).end(JSON.stringify({ code: "InvalidQuery", message: "Query string malformed" }));
        return;
      }
      const m = /^\/table\/v1\/[^/]+\/(.+)$/.exec(url.pathname);
      const coords = m![1].split(";").map((p) => p.split(",").map(Number));
      const all = coords.map((_, k) => k);
      const src = url.searchParams.get("sources")?.split(";").map(Number) ?? all;
      const dst = url.searchParams.get("destinations")?.split(";").map(Number) ?? all;
      const distances = src.map((i) => dst.map((j) => metres(coords[i][0], coords[j][0])));
      const durations = distances.map((row) => row.map((d) => d / 10));
      if (mode === "gap") durations[0][durations[0].length - 1] = null as unknown as number;
      res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ code: "Ok", durations, distances }));
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  it("assembles the full matrices from blocks and feeds a travel model", async () => {
    mode = "ok";
    requests.length = 0;
    const pts = line(7);
    const provider = new OsrmMatrixProvider({ url: base, maxTableSize: 3, concurrency: 2 });
    const { model, matrices } = await buildTravelModel(provider, { points: pts, horizon: { from: 6 * 3600, to: 12 * 3600 } });
    expect(requests).toHaveLength(9);
    for (const r of requests) {
      expect(r.searchParams.get("annotations")).toBe("duration,distance");
      const k = r.pathname.split("/").pop()!.split(";").length;
      expect(k).toBeLessThanOrEqual(6);
    }
    expect(matrices.sliceStarts).toEqual([6 * 3600]);
    expect(model.timeIndependent).toBe(true);
    for (let i = 0; i < 7; i++) {
      for (let j = 0; j < 7; j++) {
        expect(model.distance(i, j)).toBe(metres(pts[i].lng, pts[j].lng));
        expect(model.time(i, j, 8 * 3600)).toBeCloseTo(metres(pts[i].lng, pts[j].lng) / 10, 9);
      }
    }
  });

  it("scales durations for slower vehicles", async () => {
    mode = "ok";
    const m = await new OsrmMatrixProvider({ url: base, durationFactor: 1.5 }).matrices({ points: line(2), horizon: { from: 0, to: 1 } });
    expect(m.times[0][1]).toBeCloseTo(1.5 * 100, 9);
  });

  it("reports OSRM's own error", async () => {
    mode = "error";
    await expect(new OsrmMatrixProvider({ url: base }).matrices({ points: line(3), horizon: { from: 0, to: 1 } })).rejects.toThrow(
      /InvalidQuery \(Query string malformed\)/,
    );
  });

  it("reports a non-JSON answer with its status", async () => {
    mode = "html";
    await expect(new OsrmMatrixProvider({ url: base }).matrices({ points: line(3), horizon: { from: 0, to: 1 } })).rejects.toThrow(
      /HTTP 502 with something that is not JSON/,
    );
  });

  it("reports pairs without a road", async () => {
    mode = "gap";
    await expect(new OsrmMatrixProvider({ url: base }).matrices({ points: line(3), horizon: { from: 0, to: 1 } })).rejects.toThrow(
      /no road between 1 point pair\(s\), e\.g\. 0 → 2/,
    );
  });

  it("gives up after the timeout", async () => {
    mode = "hang";
    const t0 = Date.now();
    await expect(
      new OsrmMatrixProvider({ url: base, timeoutMs: 200 }).matrices({ points: line(3), horizon: { from: 0, to: 1 } }),
    ).rejects.toThrow(/did not answer within 200 ms/);
    expect(Date.now() - t0).toBeLessThan(2000);
  });

  it("says when the server cannot be reached", async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    await expect(
      new OsrmMatrixProvider({ url: `http://127.0.0.1:${port}` }).matrices({ points: line(2), horizon: { from: 0, to: 1 } }),
    ).rejects.toThrow(/cannot reach OSRM at http:\/\/127\.0\.0\.1:\d+: ECONNREFUSED/);
  });
});

describe("choosing a provider from the environment", () => {
  it("is offline without OSRM_URL and OSRM with it", () => {
    expect(matrixProviderFromEnv({})).toBeInstanceOf(OfflineMatrixProvider);
    expect(matrixProviderFromEnv({ OSRM_URL: "  " }).name).toBe("offline");
    expect(matrixProviderFromEnv({ OSRM_URL: "http://osrm:5000", OSRM_TIMEOUT_MS: "5000" })).toBeInstanceOf(OsrmMatrixProvider);
    expect(() => matrixProviderFromEnv({ OSRM_URL: "http://osrm:5000", OSRM_MAX_TABLE_SIZE: "lots" })).toThrow(
      /OSRM_MAX_TABLE_SIZE must be a positive number/,
    );
    expect(() => matrixProviderFromEnv({ OSRM_URL: "osrm:5000" })).toThrow(/must start with http/);
  });
});

// ---------------------------------------------------------------------------------------------
// A real server, when there is one.

const live = process.env.OSRM_URL;
if (!live) console.log("OSRM live test skipped: set OSRM_URL (e.g. http://localhost:5000, with Shanghai data) to run it");

describe("live OSRM server", () => {
  it.skipIf(!live)(`answers a small Shanghai table (OSRM_URL=${live ?? "unset"})`, async () => {
    const pts: LatLng[] = [
      { lat: 31.2475, lng: 121.304 }, // Jiangqiao
      { lat: 31.2365, lng: 121.501 }, // Lujiazui
      { lat: 31.303, lng: 121.4985 }, // Fudan
    ];
    const m = await matrixProviderFromEnv().matrices({ points: pts, horizon: { from: 6 * 3600, to: 12 * 3600 } });
    expect(m.size).toBe(3);
    for (let i = 0; i < 3; i++) {
      for (let j = 0; j < 3; j++) {
        if (i === j) continue;
        // Road distance is longer than the straight line (≥ 5 km here) and the drive takes minutes.
        expect(m.distance[i * 3 + j]).toBeGreaterThan(3000);
        expect(m.times[0][i * 3 + j]).toBeGreaterThan(120);
      }
    }
  }, 60_000);
});
