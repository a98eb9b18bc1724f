import { describe, expect, it } from "vitest";
import { gcj02ToWgs84, haversine, wgs84ToGcj02 } from "~/modules/logistics/geo";
import { amapLink, baiduLink, gcjPoint, telLink } from "./navigation";

// 复旦大学邯郸校区 in WGS-84 (the seed's canteen).
const FUDAN = { lat: 31.2975, lng: 121.5033 };

describe("map links", () => {
  it("convert the stop to GCJ-02 first (a few hundred metres off otherwise)", () => {
    const g = gcjPoint(FUDAN);
    const direct = wgs84ToGcj02(FUDAN);
    expect(Math.abs(g.lat - direct.lat)).toBeLessThan(1e-6);
    expect(haversine(FUDAN, g)).toBeGreaterThan(300);
    expect(haversine(gcj02ToWgs84(g), FUDAN)).toBeLessThan(1);
  });
  it("高德: position=lng,lat with the name", () => {
    const url = new URL(amapLink(FUDAN, "南区食堂"));
    const g = gcjPoint(FUDAN);
    expect(url.origin + url.pathname).toBe("https://uri.amap.com/marker");
    expect(url.searchParams.get("position")).toBe(`${g.lng},${g.lat}`);
    expect(url.searchParams.get("name")).toBe("南区食堂");
  });
  it("百度: location=lat,lng told to be gcj02, title, content, html output", () => {
    const url = new URL(baiduLink(FUDAN, "南区食堂", "上海市杨浦区邯郸路220号"));
    const g = gcjPoint(FUDAN);
    expect(url.origin + url.pathname).toBe("https://api.map.baidu.com/marker");
    expect(url.searchParams.get("location")).toBe(`${g.lat},${g.lng}`);
    expect(url.searchParams.get("coord_type")).toBe("gcj02");
    expect(url.searchParams.get("title")).toBe("南区食堂");
    expect(url.searchParams.get("content")).toBe("上海市杨浦区邯郸路220号");
    expect(url.searchParams.get("output")).toBe("html");
  });
  it("tel: links only for phone numbers", () => {
    expect(telLink("138 0000 0099")).toBe("tel:13800000099");
    expect(telLink("021-6564-2222")).toBe("tel:02165642222");
    expect(telLink("")).toBeNull();
    expect(telLink("javascript:alert(1)")).toBeNull();
  });
});
