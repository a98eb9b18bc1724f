/**
 * Links that open a stop in the phone's map app. Chinese map apps show GCJ-02, while stops are kept in
 * WGS-84, so the point is converted first; otherwise the pin lands a few hundred metres off.
 */
import { wgs84ToGcj02, type LatLng } from "~/modules/logistics/geo";

const round6 = (n: number) => Math.round(n * 1e6) / 1e6;

/** GCJ-02 of a WGS-84 point, rounded to 6 decimals (about 0.1 m). */
export function gcjPoint(p: LatLng): LatLng {
  const g = wgs84ToGcj02(p);
  return { lat: round6(g.lat), lng: round6(g.lng) };
}

/** 高德地图 marker (opens the app when installed, the web map otherwise): position is lng,lat. */
export function amapLink(p: LatLng, name: string): string {
  const g = gcjPoint(p);
  const q = new URLSearchParams({ position: `${g.lng},${g.lat}`, name, src: "huming-direct", coordinate: "gaode", callnative: "1" });
  return `https://uri.amap.com/marker?${q}`;
}

/** 百度地图 marker: location is lat,lng, told that it is GCJ-02 so Baidu converts it to its own BD-09. */
export function baiduLink(p: LatLng, title: string, content: string): string {
  const g = gcjPoint(p);
  const q = new URLSearchParams({ location: `${g.lat},${g.lng}`, coord_type: "gcj02", title, content, output: "html", src: "webapp.huming.driver" });
  return `https://api.map.baidu.com/marker?${q}`;
}

/** A tel: link for a phone number as typed (spaces and dashes dropped), or null when there is none. */
export function telLink(phone: string): string | null {
  const digits = phone.replace(/[\s-]/g, "");
  return /^\+?\d{3,20}$/.test(digits) ? `tel:${digits}` : null;
}
