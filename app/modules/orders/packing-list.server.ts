/**
 * The seller's printable packing list for one delivery day (A4 PDF): a pick summary per pack (packs to ship,
 * weight), then every seller order to pack that day with its lines and a box to tick. Seller orders still
 * with the seller (placed, confirmed, packed) are listed; cancelled and dispatched ones are not.
 *
 * Text is Noto Sans SC, embedded as a subset, as the lot labels do; the page comes from lots/a4-pdf.server.ts.
 */
import { composePackLabel, PACK_LABEL_SELECT } from "~/modules/catalog/packs";
import { MM, openA4Document } from "~/modules/lots/a4-pdf.server";
import { addDaysToDay, startOfDay, type Day } from "~/modules/lots/rules";
import type { PrismaClient } from "~/generated/prisma/client";
import { formatDateTime, formatNumber, formatTimeRange, formatWeight } from "~/utils/i18n/format";
import type { Locale } from "~/utils/i18n/locale";
import type { MessageKey } from "~/utils/i18n/messages";
import { orgName } from "~/utils/i18n/names";
import type { T } from "~/utils/i18n/translate";

/** Seller order states that still need packing or checking at the seller's. */
export const PACKING_STATES = ["placed", "confirmed", "packed"] as const;

export interface PackingLine {
  sku: string;
  name: string;
  pack: string;
  quantity: number;
  /** Packs to ship (shipped once confirmed, else ordered). */
  packs: number;
  shortReason: string;
  grams: number;
  variableWeight: boolean;
  weighed: boolean;
}

export interface PackingOrder {
  number: string;
  status: string;
  buyer: string;
  address: string;
  slot: { startsAt: Date; endsAt: Date } | null;
  note: string;
  lines: PackingLine[];
}

export interface PackingList {
  day: Day;
  sellers: string[];
  orders: PackingOrder[];
  /** Per pack (SKU): packs and grams over the day. */
  summary: { sku: string; name: string; pack: string; packs: number; grams: number; toWeigh: boolean }[];
}

/** What the seller's organizations pack for delivery on `day` (Beijing), soonest slot first. */
export async function loadPackingList(db: PrismaClient, orgIds: readonly string[], day: Day, locale: Locale): Promise<PackingList> {
  const [sellers, rows] = await Promise.all([
    db.organization.findMany({ where: { id: { in: [...orgIds] } }, select: { name: true, nameEn: true }, orderBy: { name: "asc" } }),
    db.sellerOrder.findMany({
      where: {
        sellerId: { in: [...orgIds] },
        status: { in: [...PACKING_STATES] },
        order: { slot: { startsAt: { gte: startOfDay(day), lt: startOfDay(addDaysToDay(day, 1)) } } },
      },
      select: {
        status: true,
        order: {
          select: {
            number: true,
            note: true,
            deliveryAddress: true,
            buyer: { select: { name: true, nameEn: true } },
            deliveryPoint: { select: { name: true } },
            slot: { select: { startsAt: true, endsAt: true } },
          },
        },
        lines: {
          select: {
            sku: true,
            productNameZh: true,
            productNameEn: true,
            quantity: true,
            shippedQuantity: true,
            shortReason: true,
            weightGrams: true,
            netWeightGrams: true,
            actualGrams: true,
            variableWeight: true,
            variant: { select: { sku: true, ...PACK_LABEL_SELECT } },
          },
          orderBy: [{ productNameZh: "asc" }, { id: "asc" }],
        },
      },
      orderBy: [{ order: { slot: { startsAt: "asc" } } }, { order: { number: "asc" } }],
    }),
  ]);
  const orders: PackingOrder[] = rows.map((so) => ({
    number: so.order.number,
    status: so.status,
    buyer: orgName(so.order.buyer.name, so.order.buyer.nameEn, locale),
    address: [so.order.deliveryPoint?.name, so.order.deliveryAddress].filter(Boolean).join(" · "),
    slot: so.order.slot,
    note: so.order.note,
    lines: so.lines.map((l) => {
      const packs = l.shippedQuantity ?? l.quantity;
      const net = l.netWeightGrams > 0 ? l.netWeightGrams : Math.round(l.weightGrams / l.quantity);
      return {
        sku: l.sku || l.variant.sku,
        name: locale === "en" && l.productNameEn ? l.productNameEn : l.productNameZh,
        pack: composePackLabel(l.variant, locale),
        quantity: l.quantity,
        packs,
        shortReason: l.shortReason,
        grams: l.actualGrams ?? packs * net,
        variableWeight: l.variableWeight,
        weighed: l.actualGrams !== null,
      };
    }),
  }));
  const bySku = new Map<string, PackingList["summary"][number]>();
  for (const line of orders.flatMap((o) => o.lines)) {
    const s = bySku.get(line.sku) ?? { sku: line.sku, name: line.name, pack: line.pack, packs: 0, grams: 0, toWeigh: false };
    s.packs += line.packs;
    s.grams += line.grams;
    s.toWeigh ||= line.variableWeight && !line.weighed && line.packs > 0;
    bySku.set(line.sku, s);
  }
  return {
    day,
    sellers: sellers.map((s) => orgName(s.name, s.nameEn, locale)),
    orders,
    summary: [...bySku.values()].sort((a, b) => a.name.localeCompare(b.name, "zh") || a.sku.localeCompare(b.sku)),
  };
}

const MARGIN = 15 * MM;

/** The packing list as an A4 PDF in the reader's language. */
export function renderPackingListPdf(list: PackingList, t: T, locale: Locale, now: Date): Promise<Buffer> {
  const { doc, width, ensure, finish } = openA4Document({ margin: MARGIN, title: t("fulfilment.pdf.title", { date: list.day }), locale });
  // Columns: product / pack, SKU, packs, weight, a tick box.
  const cols = [width * 0.46, width * 0.2, width * 0.1, width * 0.14, width * 0.1];
  const x = (i: number) => MARGIN + cols.slice(0, i).reduce((a, b) => a + b, 0);
  const row = (cells: string[], options: { bold?: boolean; size?: number; box?: boolean } = {}) => {
    const size = options.size ?? 9;
    doc.fontSize(size);
    const heights = cells.map((c, i) => doc.heightOfString(c, { width: cols[i]! - 4 }));
    const h = Math.max(size * 1.4, ...heights) + 3;
    ensure(h);
    const y = doc.y;
    cells.forEach((c, i) => doc.fillColor(options.bold ? "#000000" : "#222222").text(c, x(i) + 2, y + 1.5, { width: cols[i]! - 4, align: i === 2 || i === 3 ? "right" : "left" }));
    if (options.box) doc.rect(x(4) + cols[4]! / 2 - 5, y + 2, 10, 10).lineWidth(0.6).strokeColor("#333333").stroke();
    doc.moveTo(MARGIN, y + h).lineTo(MARGIN + width, y + h).lineWidth(0.3).strokeColor("#bbbbbb").stroke();
    doc.x = MARGIN;
    doc.y = y + h;
  };
  const header = [t("fulfilment.pdf.col.product"), t("fulfilment.pdf.col.sku"), t("fulfilment.pdf.col.packs"), t("fulfilment.pdf.col.weight"), t("fulfilment.pdf.col.check")];

  doc.fontSize(18).fillColor("#000000").text(t("fulfilment.pdf.title", { date: list.day }), MARGIN, MARGIN, { width });
  doc.fontSize(10).fillColor("#333333").text(t("fulfilment.pdf.seller", { seller: list.sellers.join("、") }), { width });
  doc.fontSize(8).fillColor("#666666").text(`${t("fulfilment.pdf.generated", { time: formatDateTime(now, locale) })} · 沪明直供 Huming Direct`, { width });
  doc.moveDown(0.8);

  if (list.orders.length === 0) {
    doc.fontSize(11).fillColor("#000000").text(t("fulfilment.pdf.empty"), { width });
    return finish();
  }

  doc.fontSize(12).fillColor("#000000").text(t("fulfilment.pdf.summary"), { width });
  doc.moveDown(0.3);
  row(header, { bold: true });
  for (const s of list.summary) {
    row([`${s.name}  ${s.pack}`, s.sku, formatNumber(s.packs, locale), `${formatWeight(s.grams, locale)}${s.toWeigh ? ` (${t("fulfilment.pdf.toWeigh")})` : ""}`, ""], { box: true });
  }
  doc.moveDown(1);
  doc.fontSize(12).fillColor("#000000").text(t("fulfilment.pdf.orders"), { width });
  for (const o of list.orders) {
    ensure(60);
    doc.moveDown(0.6);
    doc.fontSize(11).fillColor("#000000").text(t("fulfilment.pdf.orderHeading", { number: o.number, buyer: o.buyer }), { width });
    const facts = [
      o.slot ? t("fulfilment.pdf.slot", { range: formatTimeRange(o.slot.startsAt, o.slot.endsAt, locale) }) : null,
      t("fulfilment.pdf.status", { status: t(`checkout.sellerStatus.${o.status}` as MessageKey) }),
    ].filter(Boolean);
    doc.fontSize(8.5).fillColor("#333333").text(facts.join(" · "), { width });
    doc.text(t("fulfilment.pdf.deliverTo", { address: o.address }), { width });
    if (o.note) doc.text(t("fulfilment.inbox.buyerNote", { note: o.note }), { width });
    doc.moveDown(0.2);
    row(header, { bold: true, size: 8.5 });
    for (const l of o.lines) {
      const extra = l.packs < l.quantity ? `\n${t("fulfilment.pdf.short", { count: formatNumber(l.quantity - l.packs, locale), reason: l.shortReason || "—" })}` : "";
      row([`${l.name}  ${l.pack}${extra}`, l.sku, formatNumber(l.packs, locale), `${formatWeight(l.grams, locale)}${l.variableWeight && !l.weighed && l.packs > 0 ? ` (${t("fulfilment.pdf.toWeigh")})` : ""}`, ""], { size: 8.5, box: true });
    }
  }
  return finish();
}
