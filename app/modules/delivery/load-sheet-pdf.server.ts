/**
 * The load sheet as an A4 PDF for the warehouse floor: the route's facts, then one section per compartment
 * (frozen, chilled, ambient) with the lines in loading order and a box to tick, the compartment's totals, the
 * van's, and lines for the loader's and the driver's signatures. Chinese first with an English subtitle under
 * each heading, whatever the reader's language: loaders and drivers share the sheet.
 *
 * Text is Noto Sans SC embedded as a subset, on the A4 page the packing list uses too (lots/a4-pdf.server.ts).
 */
import { MM, openA4Document } from "~/modules/lots/a4-pdf.server";
import { formatDateTime, formatNumber, formatTime, formatWeight } from "~/utils/i18n/format";
import type { MessageKey } from "~/utils/i18n/messages";
import { translator, type MessageParams } from "~/utils/i18n/translate";
import type { LoadLine } from "./load-sheet";
import type { LoadSheetDocument } from "./load-sheet.server";

const zh = translator("zh");
const en = translator("en");

const MARGIN = 14 * MM;

const litres = (cm3: number, locale: "zh" | "en") => `${formatNumber(cm3 / 1000, locale, 1)} ${locale === "zh" ? "升" : "L"}`;
const percentText = (p: number) => (Number.isFinite(p) ? String(p) : "—");

/** The load sheet of one route as an A4 PDF (Chinese with English subtitles). */
export function renderLoadSheetPdf(docData: LoadSheetDocument, now: Date): Promise<Buffer> {
  const { plan, route, sheet } = docData;
  const { doc, width, ensure, finish } = openA4Document({ margin: MARGIN, title: `${zh("routeMap.sheet.title")} ${plan.serviceDate} ${route.plate}`, locale: "zh" });
  /** A Chinese line with its English subtitle below, smaller and grey. */
  const bilingual = (key: MessageKey, params: MessageParams | undefined, size: number, color = "#000000") => {
    doc.fontSize(size).fillColor(color).text(zh(key, params), MARGIN, doc.y, { width });
    doc.fontSize(Math.max(7, size * 0.62)).fillColor("#666666").text(en(key, params), MARGIN, doc.y, { width });
  };

  // Columns: load #, stop, item / pack, packs, weight, lots, a tick box.
  const cols = [0.07, 0.25, 0.3, 0.07, 0.11, 0.13, 0.07].map((f) => width * f);
  const x = (i: number) => MARGIN + cols.slice(0, i).reduce((a, b) => a + b, 0);
  const right = new Set([0, 3, 4]);
  const row = (cells: string[], options: { header?: boolean; box?: boolean; shade?: boolean } = {}) => {
    const size = options.header ? 7.5 : 8.5;
    doc.fontSize(size);
    const h = Math.max(size * 1.5, ...cells.map((c, i) => doc.heightOfString(c, { width: cols[i]! - 4 }))) + 4;
    ensure(h);
    const y = doc.y;
    if (options.shade) doc.rect(MARGIN, y, width, h).fill("#f3f4f6");
    cells.forEach((c, i) => doc.fillColor(options.header ? "#333333" : "#111111").text(c, x(i) + 2, y + 2, { width: cols[i]! - 4, align: right.has(i) ? "right" : "left" }));
    if (options.box) doc.rect(x(6) + cols[6]! / 2 - 5, y + 3, 10, 10).lineWidth(0.6).strokeColor("#333333").stroke();
    doc.moveTo(MARGIN, y + h).lineTo(MARGIN + width, y + h).lineWidth(0.3).strokeColor("#bbbbbb").stroke();
    doc.x = MARGIN;
    doc.y = y + h;
  };
  const header = (["order", "stop", "product", "packs", "weight", "lots", "check"] as const).map((c) => `${zh(`routeMap.sheet.col.${c}`)}\n${en(`routeMap.sheet.col.${c}`)}`);
  const lineCells = (l: LoadLine) => [
    String(l.loadOrder),
    `${zh("routeMap.sheet.stopCell", { sequence: l.stopSequence, name: l.stopName })}\n${zh("routeMap.sheet.orders", { numbers: l.orderNumbers.join("\n") })}`,
    `${l.productName}${l.productNameEn ? `\n${l.productNameEn}` : ""}\n${l.pack}`,
    formatNumber(l.packs, "zh"),
    `${formatWeight(l.grams, "zh")}${l.toWeigh ? `\n${zh("routeMap.sheet.toWeigh")} / ${en("routeMap.sheet.toWeigh")}` : ""}`,
    l.lots.length > 0 ? l.lots.join("\n") : zh("routeMap.sheet.noLot"),
    "",
  ];

  doc.fontSize(20).fillColor("#000000").text(zh("routeMap.sheet.title"), MARGIN, MARGIN, { width, continued: true }).fontSize(12).fillColor("#666666").text(`  ${en("routeMap.sheet.title")}`);
  doc.moveDown(0.2);
  const status = { zh: zh(`routeMap.sheet.planStatus.${plan.status}`), en: en(`routeMap.sheet.planStatus.${plan.status}`) };
  doc.fontSize(12).fillColor("#000000").text(zh("routeMap.sheet.route", { position: route.position + 1, plate: route.plate }), MARGIN, doc.y, { width });
  doc.fontSize(7.5).fillColor("#666666").text(en("routeMap.sheet.route", { position: route.position + 1, plate: route.plate }), { width });
  doc.fontSize(9.5).fillColor("#222222").text(zh("routeMap.sheet.plan", { warehouse: plan.warehouse, date: plan.serviceDate, version: plan.version, status: status.zh }), { width });
  doc.fontSize(7.5).fillColor("#666666").text(en("routeMap.sheet.plan", { warehouse: plan.warehouse, date: plan.serviceDate, version: plan.version, status: status.en }), { width });
  const facts = [
    route.driver ? zh("routeMap.sheet.driver", { name: route.driver }) : zh("routeMap.sheet.noDriver"),
    route.departAt ? zh("routeMap.sheet.depart", { time: formatTime(route.departAt, "zh") }) : null,
    zh("routeMap.sheet.generated", { time: formatDateTime(now, "zh") }),
  ].filter(Boolean);
  doc.fontSize(9).fillColor("#222222").text(facts.join(" · "), { width });
  doc.moveDown(0.4);
  bilingual("routeMap.sheet.rule", undefined, 9, "#222222");

  if (sheet.stops === 0) {
    doc.moveDown(0.8);
    bilingual("routeMap.sheet.empty", undefined, 11);
  }

  for (const c of sheet.compartments) {
    if (sheet.stops === 0) break;
    ensure(80);
    doc.moveDown(0.9);
    bilingual(`routeMap.sheet.compartment.${c.compartment}`, undefined, 13);
    if (!c.carried && c.lines.length > 0) bilingual("routeMap.sheet.notCarried", { plate: route.plate }, 9.5, "#b91c1c");
    doc.moveDown(0.25);
    if (c.lines.length === 0) {
      bilingual("routeMap.sheet.noLines", undefined, 9, "#444444");
      continue;
    }
    row(header, { header: true, shade: true });
    for (const l of c.lines) row(lineCells(l), { box: true });
    doc.moveDown(0.2);
    const totals = (locale: "zh" | "en") => ({ packs: formatNumber(c.totals.packs, locale), weight: formatWeight(c.totals.grams, locale), litres: litres(c.totals.cm3, locale) });
    doc.fontSize(9.5).fillColor("#000000").text(zh("routeMap.sheet.compartmentTotal", totals("zh")), MARGIN, doc.y, { width });
    doc.fontSize(7.5).fillColor("#666666").text(en("routeMap.sheet.compartmentTotal", totals("en")), { width });
  }

  ensure(120);
  doc.moveDown(1);
  const van = (locale: "zh" | "en") => ({
    weight: formatWeight(sheet.totals.grams, locale),
    payload: formatWeight(sheet.van.payloadGrams, locale),
    percent: percentText(sheet.payloadPercent),
    litres: litres(sheet.totals.cm3, locale),
    volume: `${formatNumber(sheet.van.volumeLitres, locale)} ${locale === "zh" ? "升" : "L"}`,
    volumePercent: percentText(sheet.volumePercent),
  });
  doc.fontSize(10.5).fillColor("#000000").text(zh("routeMap.sheet.vanTotal", van("zh")), MARGIN, doc.y, { width });
  doc.fontSize(7.5).fillColor("#666666").text(en("routeMap.sheet.vanTotal", van("en")), { width });
  if (sheet.overloaded) bilingual("routeMap.sheet.overload", undefined, 10, "#b91c1c");

  // Signature lines: loader, then driver, each with the time.
  doc.moveDown(2);
  const signature = (key: MessageKey) => {
    ensure(40);
    const y = doc.y + 18;
    doc.fontSize(9.5).fillColor("#000000").text(`${zh(key)} ${en(key)}`, MARGIN, y - 12, { width: width * 0.3 });
    doc.moveTo(MARGIN + width * 0.3, y).lineTo(MARGIN + width * 0.66, y).lineWidth(0.6).strokeColor("#333333").stroke();
    doc.fontSize(9.5).fillColor("#000000").text(`${zh("routeMap.sheet.time")} ${en("routeMap.sheet.time")}`, MARGIN + width * 0.7, y - 12, { width: width * 0.12 });
    doc.moveTo(MARGIN + width * 0.82, y).lineTo(MARGIN + width, y).stroke();
    doc.x = MARGIN;
    doc.y = y + 14;
  };
  signature("routeMap.sheet.loader");
  signature("routeMap.sheet.driverSign");
  return finish();
}
