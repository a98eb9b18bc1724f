/** Proof of delivery on an order page: each stop's hand-over (time, receiver, temperature, signature, photo) and the lines received short. */
import type { DeliveryProof } from "~/modules/delivery/proof.server";
import type { OrderDetailLine } from "~/modules/orders/detail.server";
import { formatDateTime, formatNumber } from "~/utils/i18n/format";
import type { Locale } from "~/utils/i18n/locale";
import type { MessageKey } from "~/utils/i18n/messages";
import type { T } from "~/utils/i18n/translate";

type Proof = Omit<DeliveryProof, "arrivedAt" | "deliveredAt"> & { arrivedAt: Date | string | null; deliveredAt: Date | string | null };
type Line = Pick<OrderDetailLine, "id" | "productNameZh" | "productNameEn" | "shippedQuantity" | "quantity" | "receivedQuantity" | "receivedNote">;

/** The lines whose received packs differ from what shipped, or that carry the driver's note. */
export function receivedDifferences<L extends Line>(lines: readonly L[]): L[] {
  return lines.filter((l) => l.receivedQuantity !== null && (l.receivedQuantity !== (l.shippedQuantity ?? l.quantity) || l.receivedNote !== ""));
}

/** Nothing until a van has reached the order. */
export function DeliveryProofPanel({ proofs, lines, t, locale }: { proofs: readonly Proof[]; lines: readonly Line[]; t: T; locale: Locale }) {
  if (proofs.length === 0) return null;
  const delivered = proofs.some((p) => p.status === "delivered");
  const differences = receivedDifferences(lines);
  return (
    <section aria-labelledby="delivery-proof-title" className="card space-y-3 p-4">
      <h2 id="delivery-proof-title" className="font-semibold">{t("deliveryProof.title")}</h2>
      {proofs.map((p) => (
        <div key={p.stopId} className="space-y-1 text-sm" data-testid="delivery-proof">
          <p className="font-medium">{t(`deliveryProof.status.${p.status}` as MessageKey)}</p>
          {p.vehiclePlate ? <p className="text-stone-600">{t("deliveryProof.van", { plate: p.vehiclePlate, driver: p.driverName ?? "—" })}</p> : null}
          {p.arrivedAt ? <p>{t("deliveryProof.arrivedAt", { at: formatDateTime(p.arrivedAt, locale) })}</p> : null}
          {p.deliveredAt ? <p>{t("deliveryProof.deliveredAt", { at: formatDateTime(p.deliveredAt, locale) })}</p> : null}
          {p.receiverName ? <p>{t("deliveryProof.receiver", { name: p.receiverName })}</p> : null}
          <Readings proof={p} t={t} locale={locale} />
          {p.note ? <p>{t("deliveryProof.note", { note: p.note })}</p> : null}
          {p.signatureSvg ? (
            <figure>
              {/* As an image, so markup in the stored SVG can never run in the page. */}
              <img src={`data:image/svg+xml;charset=utf-8,${encodeURIComponent(p.signatureSvg)}`} alt={t("deliveryProof.signature")} className="h-24 w-auto max-w-full rounded border border-stone-200 bg-white" />
              <figcaption className="text-xs text-stone-500">{t("deliveryProof.signature")}</figcaption>
            </figure>
          ) : null}
          {p.hasPhoto ? (
            <a href={`/delivery-photos/${p.stopId}`} className="link" target="_blank" rel="noreferrer">
              {t("deliveryProof.photo")}
            </a>
          ) : null}
        </div>
      ))}
      {delivered ? (
        <div className="text-sm">
          <h3 className="font-medium">{t("deliveryProof.differences")}</h3>
          {differences.length === 0 ? (
            <p className="text-stone-600">{t("deliveryProof.noDifferences")}</p>
          ) : (
            <ul className="list-disc pl-5">
              {differences.map((l) => (
                <li key={l.id}>
                  {t("deliveryProof.difference", { product: locale === "en" && l.productNameEn ? l.productNameEn : l.productNameZh, shipped: l.shippedQuantity ?? l.quantity, received: l.receivedQuantity ?? 0 })}
                  {l.receivedNote ? ` — ${l.receivedNote}` : ""}
                </li>
              ))}
            </ul>
          )}
        </div>
      ) : null}
    </section>
  );
}

/** The probe readings per compartment; the stop's single reading when the hand-over carried none per compartment. */
function Readings({ proof, t, locale }: { proof: Proof; t: T; locale: Locale }) {
  const readings = (["chilled", "frozen"] as const).filter((c) => proof.temperatures[c] !== undefined);
  if (readings.length === 0) return proof.temperatureC !== null ? <p>{t("deliveryProof.temperature", { value: formatNumber(proof.temperatureC, locale, 1) })}</p> : null;
  return (
    <>
      {readings.map((c) => (
        <p key={c}>{t(`deliveryProof.temperature.${c}`, { value: formatNumber(proof.temperatures[c]!, locale, 1) })}</p>
      ))}
    </>
  );
}
