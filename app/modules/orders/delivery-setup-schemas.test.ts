import { describe, expect, it } from "vitest";
import { parseForm } from "~/utils/forms";
import { messages } from "~/utils/i18n/messages";
import {
  contractIdSchema,
  contractSchema,
  deliveryPointSchema,
  endContractSchema,
  kgForInput,
  parseCapacityKg,
  parseDegrees,
  pointIdSchema,
  SLOT_ISSUE_MESSAGE,
  slotCapacitySchema,
  slotIdSchema,
  slotSchema,
} from "./delivery-setup-schemas";
import { SHANGHAI_BOUNDS } from "./districts";

const ID = "3f1c2a9e-8d4b-4c1e-9a7f-2b6d5e4c3a21";
const ID2 = "9b2d4e6f-1a3c-4e5f-8a7b-6c5d4e3f2a10";

const point = {
  name: " 北区食堂 ",
  nameEn: "North Canteen",
  district: "杨浦区",
  address: "上海市杨浦区国权路 525 号",
  lat: "31.2989",
  lng: "121.5015",
  receivingFrom: "4:30",
  receivingTo: "０７:００",
  contactName: "王师傅",
  contactPhone: "+86 138-0000-0099",
};

describe("the delivery point form", () => {
  it("parses and normalises a full form", () => {
    const r = parseForm(deliveryPointSchema, point);
    expect(r.errors).toBeUndefined();
    expect(r.data).toEqual({
      name: "北区食堂",
      nameEn: "North Canteen",
      district: "杨浦区",
      address: "上海市杨浦区国权路 525 号",
      lat: 31.2989,
      lng: 121.5015,
      receivingFrom: "04:30",
      receivingTo: "07:00",
      contactName: "王师傅",
      contactPhone: "13800000099",
    });
  });

  it("lets the English name be left out", () => {
    const r = parseForm(deliveryPointSchema, { ...point, nameEn: "" });
    expect(r.data?.nameEn).toBe("");
  });

  it("asks for every required field of an empty form", () => {
    const r = parseForm(deliveryPointSchema, {});
    expect(r.errors).toEqual({
      name: "validation.required",
      address: "validation.required",
      contactName: "validation.required",
      district: "deliverySetup.error.district",
      lat: "validation.required",
      lng: "validation.required",
      receivingFrom: "validation.required",
      receivingTo: "validation.required",
      contactPhone: "validation.required",
    });
  });

  it("refuses a district outside Shanghai's 16", () => {
    expect(parseForm(deliveryPointSchema, { ...point, district: "昆山市" }).errors).toEqual({ district: "deliverySetup.error.district" });
    expect(parseForm(deliveryPointSchema, { ...point, district: "卢湾区" }).errors).toEqual({ district: "deliverySetup.error.district" });
  });

  it("refuses coordinates outside Shanghai, naming the one that is wrong", () => {
    // Swapped latitude and longitude.
    expect(parseForm(deliveryPointSchema, { ...point, lat: "121.5015", lng: "31.2989" }).errors).toEqual({ lat: "deliverySetup.error.latOutside", lng: "deliverySetup.error.lngOutside" });
    // Hangzhou (30.27 N, 120.15 E) and Suzhou's longitude.
    expect(parseForm(deliveryPointSchema, { ...point, lat: "30.27" }).errors).toEqual({ lat: "deliverySetup.error.latOutside" });
    expect(parseForm(deliveryPointSchema, { ...point, lng: "120.62" }).errors).toEqual({ lng: "deliverySetup.error.lngOutside" });
    expect(parseForm(deliveryPointSchema, { ...point, lat: "abc", lng: "121,5" }).errors).toEqual({ lat: "deliverySetup.error.degrees", lng: "deliverySetup.error.degrees" });
  });

  it("accepts the edges of Shanghai's extent and nothing beyond", () => {
    const at = (lat: number, lng: number) => parseForm(deliveryPointSchema, { ...point, lat: String(lat), lng: String(lng) }).errors;
    expect(at(SHANGHAI_BOUNDS.minLat, SHANGHAI_BOUNDS.minLng)).toBeUndefined();
    expect(at(SHANGHAI_BOUNDS.maxLat, SHANGHAI_BOUNDS.maxLng)).toBeUndefined();
    expect(at(SHANGHAI_BOUNDS.maxLat + 0.001, 121.5)).toEqual({ lat: "deliverySetup.error.latOutside" });
    expect(at(31.2, SHANGHAI_BOUNDS.minLng - 0.001)).toEqual({ lng: "deliverySetup.error.lngOutside" });
  });

  it("names Shanghai's bounds in the coordinate messages", () => {
    expect(messages["deliverySetup.error.latOutside"].zh).toContain(`${SHANGHAI_BOUNDS.minLat}°–${SHANGHAI_BOUNDS.maxLat}°`);
    expect(messages["deliverySetup.error.lngOutside"].zh).toContain(`${SHANGHAI_BOUNDS.minLng}°–${SHANGHAI_BOUNDS.maxLng.toFixed(1)}°`);
  });

  it("checks the receiving hours: times of day, the end after the start", () => {
    expect(parseForm(deliveryPointSchema, { ...point, receivingFrom: "25:00" }).errors).toEqual({ receivingFrom: "deliverySetup.error.time" });
    expect(parseForm(deliveryPointSchema, { ...point, receivingTo: "7点" }).errors).toEqual({ receivingTo: "deliverySetup.error.time" });
    expect(parseForm(deliveryPointSchema, { ...point, receivingFrom: "07:00", receivingTo: "07:00" }).errors).toEqual({ receivingTo: "deliverySetup.error.hoursOrder" });
    expect(parseForm(deliveryPointSchema, { ...point, receivingFrom: "22:00", receivingTo: "02:00" }).errors).toEqual({ receivingTo: "deliverySetup.error.hoursOrder" });
  });

  it("wants a mainland mobile for the contact", () => {
    expect(parseForm(deliveryPointSchema, { ...point, contactPhone: "021-65642222" }).errors).toEqual({ contactPhone: "validation.phone" });
    expect(parseForm(deliveryPointSchema, { ...point, contactPhone: "1380000009" }).errors).toEqual({ contactPhone: "validation.phone" });
  });

  it("limits the lengths and refuses control characters", () => {
    expect(parseForm(deliveryPointSchema, { ...point, name: "食".repeat(61) }).errors).toEqual({ name: "validation.tooLong" });
    expect(parseForm(deliveryPointSchema, { ...point, address: "路".repeat(201) }).errors).toEqual({ address: "validation.tooLong" });
    expect(parseForm(deliveryPointSchema, { ...point, contactName: "王\u0000" }).errors).toEqual({ contactName: "validation.invalidCharacters" });
  });

  it("reads degrees with a sign, a degree mark or full-width digits", () => {
    expect(parseDegrees("31.2989°")).toBe(31.2989);
    expect(parseDegrees("３１.２")).toBe(31.2);
    expect(parseDegrees("+121.5")).toBe(121.5);
    expect(parseDegrees("1e2")).toBeNull();
    expect(parseDegrees("")).toBeNull();
    expect(parseDegrees("31.2.1")).toBeNull();
  });

  it("needs a well-formed id to archive", () => {
    expect(parseForm(pointIdSchema, { pointId: ID.toUpperCase() }).data).toEqual({ pointId: ID });
    expect(parseForm(pointIdSchema, { pointId: "1; drop table" }).errors).toEqual({ pointId: "deliverySetup.error.point" });
  });
});

const slot = {
  warehouseId: ID,
  district: "杨浦区",
  date: "2026-12-10",
  windowStart: "04:30",
  windowEnd: "06:30",
  cutoffDaysBefore: "1",
  cutoffTime: "14:00",
  capacityAmbient: "2000",
  capacityChilled: "1,500.5",
  capacityFrozen: "",
};

describe("the new slot form", () => {
  it("resolves the rule to instants in Beijing time, capacity in grams", () => {
    const r = parseForm(slotSchema, slot);
    expect(r.errors).toBeUndefined();
    expect(r.data).toMatchObject({
      warehouseId: ID,
      district: "杨浦区",
      spec: { date: "2026-12-10", windowStart: "04:30", windowEnd: "06:30", cutoff: { daysBefore: 1, time: "14:00" } },
      capacityGrams: { ambient: 2_000_000, chilled: 1_500_500, frozen: 0 },
    });
    expect(r.data!.times.startsAt.toISOString()).toBe("2026-12-09T20:30:00.000Z");
    expect(r.data!.times.endsAt.toISOString()).toBe("2026-12-09T22:30:00.000Z");
    // 14:00 Beijing on 9 December.
    expect(r.data!.times.cutoffAt.toISOString()).toBe("2026-12-09T06:00:00.000Z");
  });

  it("shows resolveSlot's refusals on the fields they concern", () => {
    expect(parseForm(slotSchema, { ...slot, date: "2026-02-30" }).errors).toEqual({ date: "deliverySetup.slotIssue.day_invalid" });
    expect(parseForm(slotSchema, { ...slot, windowStart: "22:00", windowEnd: "02:00" }).errors).toEqual({ windowEnd: "deliverySetup.slotIssue.window_crosses_midnight" });
    expect(parseForm(slotSchema, { ...slot, windowEnd: "04:30" }).errors).toEqual({ windowEnd: "deliverySetup.slotIssue.window_empty" });
    expect(parseForm(slotSchema, { ...slot, cutoffDaysBefore: "15" }).errors).toEqual({ cutoffDaysBefore: "deliverySetup.slotIssue.days_before_invalid" });
    expect(parseForm(slotSchema, { ...slot, cutoffDaysBefore: "-1" }).errors).toEqual({ cutoffDaysBefore: "deliverySetup.slotIssue.days_before_invalid" });
    expect(parseForm(slotSchema, { ...slot, cutoffTime: "noon" }).errors).toEqual({ cutoffTime: "deliverySetup.slotIssue.time_invalid" });
    // Same day, cut-off after the window has started.
    expect(parseForm(slotSchema, { ...slot, cutoffDaysBefore: "0", cutoffTime: "05:00" }).errors).toEqual({ cutoffTime: "deliverySetup.slotIssue.cutoff_not_before_window" });
    expect(parseForm(slotSchema, { ...slot, capacityAmbient: "0", capacityChilled: "", capacityFrozen: "0" }).errors).toEqual({ capacity: "deliverySetup.slotIssue.capacity_required" });
  });

  it("refuses a bad warehouse, district or capacity", () => {
    expect(parseForm(slotSchema, { ...slot, warehouseId: "" }).errors).toEqual({ warehouseId: "deliverySetup.error.warehouse" });
    expect(parseForm(slotSchema, { ...slot, district: "杭州" }).errors).toEqual({ district: "deliverySetup.error.district" });
    expect(parseForm(slotSchema, { ...slot, capacityFrozen: "-5" }).errors).toEqual({ capacityFrozen: "deliverySetup.error.capacity" });
    expect(parseForm(slotSchema, { ...slot, capacityFrozen: "100001" }).errors).toEqual({ capacityFrozen: "deliverySetup.error.capacity" });
    expect(parseForm(slotSchema, { ...slot, capacityFrozen: "1.0005" }).errors).toEqual({ capacityFrozen: "deliverySetup.error.capacity" });
  });

  it("has a message for each of resolveSlot's issues", () => {
    for (const key of Object.values(SLOT_ISSUE_MESSAGE)) expect(messages[key], key).toBeDefined();
  });

  it("reads and writes capacities in kilograms", () => {
    expect(parseCapacityKg("")).toBe(0);
    expect(parseCapacityKg("2,000 kg")).toBe(2_000_000);
    expect(parseCapacityKg("０.５公斤")).toBe(500);
    expect(parseCapacityKg("100000")).toBe(100_000_000);
    expect(parseCapacityKg("abc")).toBeNull();
    expect(kgForInput(2_000_000)).toBe("2000");
    expect(kgForInput(1_500_500)).toBe("1500.5");
    expect(kgForInput(0)).toBe("0");
  });

  it("edits capacity with at least one class carried, and deletes by id", () => {
    expect(parseForm(slotCapacitySchema, { slotId: ID, capacityAmbient: "10", capacityChilled: "0", capacityFrozen: "" }).data).toEqual({ slotId: ID, capacityGrams: { ambient: 10_000, chilled: 0, frozen: 0 } });
    expect(parseForm(slotCapacitySchema, { slotId: ID, capacityAmbient: "0" }).errors).toEqual({ capacity: "deliverySetup.slotIssue.capacity_required" });
    expect(parseForm(slotCapacitySchema, { slotId: "x", capacityAmbient: "1" }).errors).toEqual({ slotId: "deliverySetup.error.slot" });
    expect(parseForm(slotIdSchema, { slotId: ID }).data).toEqual({ slotId: ID });
    expect(parseForm(slotIdSchema, {}).errors).toEqual({ slotId: "deliverySetup.error.slot" });
  });
});

const contract = { buyerId: ID, variantId: ID2, price: "¥12.50", validFrom: "2026-12-01", validTo: "", note: " 2027 年框架协议 " };

describe("the contract price form", () => {
  const seller = contractSchema({ requireSeller: false });
  const ops = contractSchema({ requireSeller: true });

  it("parses a price in yuan to fen, an open end as null", () => {
    expect(parseForm(seller, contract).data).toEqual({ buyerId: ID, variantId: ID2, unitPriceFen: 1250, validFrom: "2026-12-01", validTo: null, note: "2027 年框架协议" });
    expect(parseForm(seller, { ...contract, validTo: "2026-12-31" }).data?.validTo).toBe("2026-12-31");
  });

  it("wants the seller on the operator's form", () => {
    expect(parseForm(ops, contract).errors).toEqual({ sellerId: "deliverySetup.error.seller" });
    expect(parseForm(ops, { ...contract, sellerId: ID }).data?.sellerId).toBe(ID);
  });

  it("refuses a zero, negative or malformed price", () => {
    expect(parseForm(seller, { ...contract, price: "0" }).errors).toEqual({ price: "listing.error.price_positive" });
    expect(parseForm(seller, { ...contract, price: "-3" }).errors).toEqual({ price: "listing.error.price_positive" });
    expect(parseForm(seller, { ...contract, price: "12.345" }).errors).toEqual({ price: "listing.error.price_decimals" });
    expect(parseForm(seller, { ...contract, price: "" }).errors).toEqual({ price: "listing.error.price_required" });
  });

  it("wants real days, the end not before the start", () => {
    expect(parseForm(seller, { ...contract, validTo: "2026-11-30" }).errors).toEqual({ validTo: "deliverySetup.contractIssue.ends_before_start" });
    expect(parseForm(seller, { ...contract, validTo: "2026-12-01" }).errors).toBeUndefined();
    expect(parseForm(seller, { ...contract, validFrom: "" }).errors).toEqual({ validFrom: "validation.required" });
    expect(parseForm(seller, { ...contract, validFrom: "2026-13-01" }).errors).toEqual({ validFrom: "deliverySetup.contractIssue.day_invalid" });
    expect(parseForm(seller, { ...contract, validTo: "next year" }).errors).toEqual({ validTo: "deliverySetup.contractIssue.day_invalid" });
  });

  it("wants a buyer and a pack, and a short note", () => {
    expect(parseForm(seller, { ...contract, buyerId: "", variantId: "nope" }).errors).toEqual({ buyerId: "deliverySetup.error.buyer", variantId: "deliverySetup.error.pack" });
    expect(parseForm(seller, { ...contract, note: "注".repeat(201) }).errors).toEqual({ note: "validation.tooLong" });
  });

  it("ends on a day and deletes by id", () => {
    expect(parseForm(endContractSchema, { contractId: ID, endsOn: "2026-12-05" }).data).toEqual({ contractId: ID, endsOn: "2026-12-05" });
    expect(parseForm(endContractSchema, { contractId: ID, endsOn: "5/12" }).errors).toEqual({ endsOn: "deliverySetup.contractIssue.day_invalid" });
    expect(parseForm(contractIdSchema, { contractId: "" }).errors).toEqual({ contractId: "deliverySetup.error.contract" });
  });
});
