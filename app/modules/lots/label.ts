/**
 * The text of a lot's printed QR label, composed in the reader's language (the Chinese product name
 * always stays on it: the label is read at a Shanghai loading dock). Pure; label-pdf.server.ts lays
 * it out, the tests check it in both languages.
 */
import type { PackUnit } from "~/generated/prisma/enums";
import { composePackLabel } from "~/modules/catalog/packs";
import { countyName } from "~/modules/catalog/counties";
import type { Locale } from "~/utils/i18n/locale";
import { orgName } from "~/utils/i18n/names";
import { translator } from "~/utils/i18n/translate";
import type { Day } from "./rules";

/** What a label needs to know about its lot. */
export interface LabelLot {
  code: string;
  producedOn: Day;
  expiresOn: Day;
  originBase: string;
  originPlot: string;
  product: { nameZh: string; nameEn: string; originCounty: string };
  pack: { unit: PackUnit; itemCount: number; itemNetWeightGrams: number; netWeightGrams: number; variableWeight: boolean };
  seller: { name: string; nameEn: string | null; county: string };
  /** The public traceability page the QR code leads to. */
  traceUrl: string;
}

/** A label's text, top to bottom. */
export interface LabelText {
  /** The product's Chinese name (always). */
  title: string;
  /** The English name when there is one. */
  subtitle: string | null;
  pack: string;
  /** Caption and value pairs. */
  lines: { caption: string; value: string }[];
  /** Under the QR code, in both languages. */
  scanHint: string;
  traceUrl: string;
}

/** A pack in the reader's language, composed from its structured fields by the listing's rules ("24×350 g/箱", "box of 24 × 350 g"). */
export function packText(pack: LabelLot["pack"], locale: Locale): string {
  return composePackLabel(pack, locale);
}

/** Origin as one line: county · base or village · plot or plant (empty parts left out). */
export function originText(county: string, base: string, plot: string): string {
  return [county, base, plot].map((s) => s.trim()).filter(Boolean).join(" · ");
}

/** A seller with its county: "建宁县莲子合作社（建宁县）" / "Jianning Lotus Co-op (Jianning County)". */
export function sellerText(seller: LabelLot["seller"], locale: Locale): string {
  const name = orgName(seller.name, seller.nameEn, locale);
  return locale === "zh" ? `${name}（${seller.county}）` : `${name} (${countyName(seller.county, locale)})`;
}

/** The label's text in the locale. */
export function composeLabel(lot: LabelLot, locale: Locale): LabelText {
  const t = translator(locale);
  const en = lot.product.nameEn.trim();
  return {
    title: lot.product.nameZh,
    subtitle: en && en !== lot.product.nameZh ? en : null,
    pack: packText(lot.pack, locale),
    lines: [
      { caption: t("lots.label.code"), value: lot.code },
      { caption: t("lots.label.produced"), value: lot.producedOn },
      { caption: t("lots.label.expires"), value: lot.expiresOn },
      { caption: t("lots.label.origin"), value: originText(countyName(lot.product.originCounty, locale), lot.originBase, lot.originPlot) },
      { caption: t("lots.label.seller"), value: sellerText(lot.seller, locale) },
    ],
    scanHint: "扫码溯源 Scan to trace",
    traceUrl: lot.traceUrl,
  };
}

/** The public traceability URL of a lot on a site origin ("https://example.cn" + "/t/<id>"). */
export function traceUrl(origin: string, lotId: string): string {
  return `${origin.replace(/\/+$/, "")}/t/${lotId}`;
}

/** Copies of a label per request: 1 (one label-sized page) to 80 (ten A4 sheets of eight). */
export const MAX_COPIES = 80;
/** Labels on one A4 sheet: two columns of four 100 × 70 mm labels. */
export const LABELS_PER_SHEET = 8;

/** Reads `?copies=`: a whole number from 1 to MAX_COPIES, anything else 1. */
export function parseCopies(value: string | null): number {
  const n = Number(value);
  return Number.isInteger(n) && n >= 1 ? Math.min(n, MAX_COPIES) : 1;
}
