/** Small day files shared by the day-planner tests. */
import type { DayInput } from "./day";

/** A small day: one warehouse in Jiangqiao, a truck and a chilled van, three stops. */
export function miniDay(): DayInput {
  return {
    date: "2026-11-30",
    timezone: "Asia/Shanghai",
    limits: { maxTimeOnRoad: { chilled: "4h", frozen: "6h" }, maxRouteDuration: "8h" },
    warehouses: [{ id: "WH", name: "江桥仓", lat: 31.2475, lng: 121.304, open: "04:00", close: "14:00" }],
    vans: [
      {
        id: "TRUCK",
        warehouse: "WH",
        payload: "2 t",
        volume: "12 m3",
        compartments: { chilled: { weight: "1.2 t", volume: "7 m3" }, frozen: { weight: "800 kg", volume: "5 m3" } },
        shift: { from: "04:00", to: "13:00" },
        restricted: true,
      },
      {
        id: "VAN",
        warehouse: "WH",
        payload: "1 t",
        volume: "6 m3",
        compartments: { ambient: { weight: "300 kg", volume: "2 m3" }, chilled: { weight: "700 kg", volume: "4 m3" } },
        shift: { from: "05:00", to: "13:00" },
        count: 2,
      },
    ],
    stops: [
      {
        id: "FUDAN",
        name: "复旦大学 北区食堂",
        lat: 31.303,
        lng: 121.4985,
        window: { from: "05:30", to: "07:00" },
        service: { base: "10min", perKg: "2s" },
        loads: [
          { class: "chilled", weight: "200 kg", volume: "0.6 m3" },
          { class: "frozen", weight: "100 斤", volume: "100 L" },
        ],
      },
      {
        id: "IFC",
        name: "国金中心 员工餐厅",
        lat: 31.2365,
        lng: 121.501,
        window: { from: "08:00", to: "10:00" },
        loads: [{ class: "chilled", weight: "80 kg", volume: "0.25 m3" }],
      },
      {
        id: "CAOYANG",
        name: "曹杨新村 自提点",
        lat: 31.2425,
        lng: 121.4145,
        window: { from: "08:30", to: "11:00" },
        loads: [{ class: "ambient", weight: "0.05 t", volume: "150 L" }],
      },
    ],
    zones: [
      {
        name: "内环 inner ring",
        shape: {
          type: "polygon",
          points: [
            [31.21, 121.488],
            [31.205, 121.556],
            [31.253, 121.54],
            [31.281, 121.488],
            [31.225, 121.415],
            [31.19, 121.432],
          ],
        },
        forbidden: [{ from: "07:00", to: "20:00" }],
      },
    ],
  };
}

/** miniDay plus stops that no van can serve, each for a different reason. */
export function withBadStops(): DayInput {
  const raw = miniDay();
  const base = raw.stops[2];
  raw.stops.push(
    { ...base, id: "SWAPPED", name: "坐标颠倒", lat: 121.4145, lng: 31.2425 },
    { ...base, id: "TOKYO", name: "东京", lat: 35.68, lng: 139.69 },
    {
      ...base,
      id: "ICE",
      name: "常温+冷冻",
      loads: [
        { class: "ambient", weight: "10 kg", volume: "20 L" },
        { class: "frozen", weight: "10 kg", volume: "20 L" },
      ],
    },
    { ...base, id: "HUGE", name: "超重", loads: [{ class: "chilled", weight: "3 t", volume: "1 m3" }] },
    { ...base, id: "EARLY", name: "太早", lat: 31.027, lng: 121.438, window: { from: "04:00", to: "04:10" } },
    {
      ...base,
      id: "ZONED",
      name: "内环 冷冻",
      lat: 31.2365,
      lng: 121.501,
      window: { from: "08:00", to: "09:00" },
      loads: [{ class: "frozen", weight: "20 kg", volume: "40 L" }],
    },
    {
      ...base,
      id: "FAR",
      name: "崇明 远郊",
      lat: 31.6233,
      lng: 121.3972,
      window: { from: "05:00", to: "12:00" },
      loads: [{ class: "chilled", weight: "20 kg", volume: "40 L" }],
    }
  );
  raw.limits!.maxTimeOnRoad!.chilled = "30min";
  return raw;
}
