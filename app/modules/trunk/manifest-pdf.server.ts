/**
 * The manifest of one trunk run (A4 PDF) handed over at the Sanming hub, carried by the driver and signed at the
 * Shanghai warehouse: the run (origin, destination, class, plate, times), then per seller its seller orders with
 * order numbers, lines of the run's class, packs, weight and lot codes, subtotals, the run's total and three
 * signature boxes (shipper, driver, receiver).
 *
 * A line's lot is the lot its stock reservation named, if any; else the pack's newest lot (what the seller ships
 * from). Text is Noto Sans SC embedded as a subset, on the A4 page the packing list uses too
 * (lots/a4-pdf.server.ts).
 */
import type { PrismaClient, TempClass } from "~/generated/prisma/client";
import { composePackLabel, PACK_LABEL_SELECT } from "~/modules/catalog/packs";
import { MM, openA4Document } from "~/modules/lots/a4-pdf.server";
import type { OperationsScope } from "~/modules/operations/overview.server";
import {
  formatDateTime,
  formatNumber,
  formatTimeRange,
  formatWeight,
} from "~/utils/i18n/format";
import type { Locale } from "~/utils/i18n/locale";
import type { MessageKey } from "~/utils/i18n/messages";
import { orgName } from "~/utils/i18n/names";
import type { T } from "~/utils/i18n/translate";
import { gramsByClass } from "./assignment";

export interface ManifestLine {
  name: string;
  pack: string;
  sku: string;
  packs: number;
  grams: number;
  lots: string[];
}

export interface ManifestOrder {
  number: string;
  buyer: string;
  slot: { startsAt: Date; endsAt: Date } | null;
  lines: ManifestLine[];
}

export interface Manifest {
  id: string;
  origin: string;
  destination: string;
  tempClass: TempClass;
  vehiclePlate: string;
  status: string;
  cutoffAt: Date;
  departsAt: Date;
  arrivesAt: Date;
  capacityGrams: number;
  sellers: { name: string; orders: ManifestOrder[] }[];
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The manifest of a departure in scope, or why not (a malformed id is not found). */
export async function loadManifest(
  db: PrismaClient,
  scope: OperationsScope,
  departureId: string,
  locale: Locale
): Promise<
  | { kind: "ok"; manifest: Manifest }
  | { kind: "not_found" }
  | { kind: "forbidden" }
> {
  if (!UUID.test(departureId)) return { kind: "not_found" };
  const run = await db.trunkDeparture.findUnique({
    where: { id: departureId },
    select: {
      id: true,
      origin: true,
      tempClass: true,
      vehiclePlate: true,
      status: true,
      cutoffAt: true,
      departsAt: true,
      arrivesAt: true,
      capacityGrams: true,
      warehouse: { select: { name: true, address: true, operatorId: true } },
      loads: {
        select: {
          tempClass: true,
          sellerOrder: {
            select: {
              seller: { select: { name: true, nameEn: true } },
              order: {
                select: {
                  number: true,
                  buyer: { select: { name: true, nameEn: true } },
                  slot: { select: { startsAt: true, endsAt: true } },
                },
              },
              lines: {
                select: {
                  tempClass: true,
                  sku: true,
                  productNameZh: true,
                  productNameEn: true,
                  quantity: true,
                  shippedQuantity: true,
                  netWeightGrams: true,
                  weightGrams: true,
                  actualGrams: true,
                  stockEntries: {
                    where: { kind: "reservation", lotId: { not: null } },
                    select: { lot: { select: { code: true } } },
                    orderBy: { id: "asc" },
                  },
                  variant: {
                    select: {
                      sku: true,
                      ...PACK_LABEL_SELECT,
                      lots: {
                        select: { code: true },
                        orderBy: [
                          { producedAt: "desc" },
                          { createdAt: "desc" },
                        ],
                        take: 1,
                      },
                    },
                  },
                },
                orderBy: [{ productNameZh: "asc" }, { id: "asc" }],
              },
            },
          },
        },
      },
    },
  });
  if (!run) return { kind: "not_found" };
  if (!scope.all && !scope.operatorOrgIds.includes(run.warehouse.operatorId))
    return { kind: "forbidden" };
  const sellers = new Map<string, ManifestOrder[]>();
  for (const load of run.loads) {
    const so = load.sellerOrder;
    const lines = so.lines
      .filter((l) => l.tempClass === load.tempClass)
      .map((l): ManifestLine => {
        const reserved = [
          ...new Set(
            l.stockEntries
              .map((e) => e.lot?.code)
              .filter((c): c is string => Boolean(c))
          ),
        ];
        return {
          name:
            locale === "en" && l.productNameEn
              ? l.productNameEn
              : l.productNameZh,
          pack: composePackLabel(l.variant, locale),
          sku: l.sku || l.variant.sku,
          packs: l.shippedQuantity ?? l.quantity,
          grams: gramsByClass([l])[l.tempClass] ?? 0,
          lots:
            reserved.length > 0 ? reserved : l.variant.lots.map((x) => x.code),
        };
      })
      .filter((l) => l.packs > 0);
    const name = orgName(so.seller.name, so.seller.nameEn, locale);
    const orders = sellers.get(name) ?? [];
    orders.push({
      number: so.order.number,
      buyer: orgName(so.order.buyer.name, so.order.buyer.nameEn, locale),
      slot: so.order.slot,
      lines,
    });
    sellers.set(name, orders);
  }
  return {
    kind: "ok",
    manifest: {
      id: run.id,
      origin: run.origin,
      destination: `${run.warehouse.name}（${run.warehouse.address}）`,
      tempClass: run.tempClass,
      vehiclePlate: run.vehiclePlate,
      status: run.status,
      cutoffAt: run.cutoffAt,
      departsAt: run.departsAt,
      arrivesAt: run.arrivesAt,
      capacityGrams: run.capacityGrams,
      sellers: [...sellers.entries()]
        .sort(([a], [b]) => a.localeCompare(b, "zh"))
        .map(([name, orders]) => ({
          name,
          orders: orders.sort((x, y) => x.number.localeCompare(y.number)),
        })),
    },
  };
}

const MARGIN = 15 * MM;

const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);

/** The manifest as an A4 PDF in the reader's language. */
export function renderManifestPdf(
  m: Manifest,
  t: T,
  locale: Locale,
  now: Date
): Promise<Buffer> {
  const { doc, width, ensure, finish } = openA4Document({
    margin: MARGIN,
    title: `${t("trunk.pdf.title")} ${m.vehiclePlate}`,
    locale,
  });
  // Columns: product / pack, lot, packs, weight.
  const cols = [width * 0.5, width * 0.26, width * 0.1, width * 0.14];
  const x = (i: number) => MARGIN + sum(cols.slice(0, i));
  const row = (
    cells: string[],
    options: { bold?: boolean; size?: number } = {}
  ) => {
    const size = options.size ?? 9;
    doc.fontSize(size);
    const h =
      Math.max(
        size * 1.4,
        ...cells.map((c, i) => doc.heightOfString(c, { width: cols[i]! - 4 }))
      ) + 3;
    ensure(h);
    const y = doc.y;
    cells.forEach((c, i) =>
      doc
        .fillColor(options.bold ? "#000000" : "#222222")
        .text(c, x(i) + 2, y + 1.5, {
          width: cols[i]! - 4,
          align: i >= 2 ? "right" : "left",
        })
    );
    doc
      .moveTo(MARGIN, y + h)
      .lineTo(MARGIN + width, y + h)
      .lineWidth(0.3)
      .strokeColor("#bbbbbb")
      .stroke();
    doc.x = MARGIN;
    doc.y = y + h;
  };
  const temp = t(`temp.${m.tempClass}` as MessageKey);
  const plate = m.vehiclePlate || t("trunk.noPlate");

  doc
    .fontSize(18)
    .fillColor("#000000")
    .text(`${t("trunk.pdf.title")} · ${temp}`, MARGIN, MARGIN, { width });
  doc
    .fontSize(10)
    .fillColor("#222222")
    .text(
      t("trunk.pdf.route", { origin: m.origin, destination: m.destination }),
      { width }
    );
  doc.text(
    t("trunk.pdf.facts", {
      temp,
      plate,
      status: t(`trunk.status.${m.status}` as MessageKey),
    }),
    { width }
  );
  doc.text(
    t("trunk.pdf.times", {
      cutoff: formatDateTime(m.cutoffAt, locale),
      departs: formatDateTime(m.departsAt, locale),
      arrives: formatDateTime(m.arrivesAt, locale),
    }),
    { width }
  );
  doc
    .fontSize(8)
    .fillColor("#666666")
    .text(
      `${t("trunk.pdf.generated", {
        time: formatDateTime(now, locale),
      })} · 沪明直供 Huming Direct · ${m.id}`,
      { width }
    );
  doc.moveDown(0.8);

  const header = [
    t("trunk.pdf.col.product"),
    t("trunk.pdf.col.lot"),
    t("trunk.pdf.col.packs"),
    t("trunk.pdf.col.weight"),
  ];
  const allOrders = m.sellers.flatMap((s) => s.orders);
  if (allOrders.length === 0)
    doc.fontSize(11).fillColor("#000000").text(t("trunk.pdf.empty"), { width });
  for (const seller of m.sellers) {
    ensure(70);
    doc.moveDown(0.4);
    doc
      .fontSize(12)
      .fillColor("#000000")
      .text(t("trunk.pdf.seller", { seller: seller.name }), MARGIN, doc.y, {
        width,
      });
    for (const o of seller.orders) {
      ensure(50);
      doc.moveDown(0.2);
      const slot = o.slot
        ? formatTimeRange(o.slot.startsAt, o.slot.endsAt, locale)
        : "—";
      doc
        .fontSize(9.5)
        .fillColor("#000000")
        .text(
          t("trunk.pdf.order", { number: o.number, buyer: o.buyer, slot }),
          MARGIN,
          doc.y,
          { width }
        );
      row(header, { bold: true, size: 8.5 });
      for (const l of o.lines)
        row(
          [
            `${l.name}  ${l.pack}\n${l.sku}`,
            l.lots.join("、") || t("trunk.pdf.noLot"),
            formatNumber(l.packs, locale),
            formatWeight(l.grams, locale),
          ],
          { size: 8.5 }
        );
    }
    const lines = seller.orders.flatMap((o) => o.lines);
    doc.moveDown(0.2);
    doc
      .fontSize(9.5)
      .fillColor("#000000")
      .text(
        t("trunk.pdf.sellerTotal", {
          count: formatNumber(seller.orders.length, locale),
          packs: formatNumber(sum(lines.map((l) => l.packs)), locale),
          weight: formatWeight(sum(lines.map((l) => l.grams)), locale),
        }),
        MARGIN,
        doc.y,
        { width, align: "right" }
      );
  }
  const lines = allOrders.flatMap((o) => o.lines);
  ensure(40);
  doc.moveDown(0.8);
  doc
    .fontSize(11)
    .fillColor("#000000")
    .text(
      t("trunk.pdf.total", {
        sellers: formatNumber(m.sellers.length, locale),
        count: formatNumber(allOrders.length, locale),
        packs: formatNumber(sum(lines.map((l) => l.packs)), locale),
        weight: formatWeight(sum(lines.map((l) => l.grams)), locale),
        capacity: formatWeight(m.capacityGrams, locale),
      }),
      MARGIN,
      doc.y,
      { width }
    );

  // Signatures: three boxes side by side, kept together on one page.
  const boxH = 28 * MM;
  ensure(boxH + 30);
  doc.moveDown(1);
  doc.fontSize(12).text(t("trunk.pdf.signatures"), MARGIN, doc.y, { width });
  const top = doc.y + 4;
  const boxW = (width - 2 * 4 * MM) / 3;
  (["shipper", "driver", "receiver"] as const).forEach((who, i) => {
    const left = MARGIN + i * (boxW + 4 * MM);
    doc
      .rect(left, top, boxW, boxH)
      .lineWidth(0.6)
      .strokeColor("#333333")
      .stroke();
    doc
      .fontSize(9)
      .fillColor("#000000")
      .text(t(`trunk.pdf.sign.${who}`), left + 4, top + 4, { width: boxW - 8 });
    doc
      .fontSize(7.5)
      .fillColor("#444444")
      .text(t("trunk.pdf.signLine"), left + 4, top + boxH - 26, {
        width: boxW - 8,
      });
  });
  return finish();
}
